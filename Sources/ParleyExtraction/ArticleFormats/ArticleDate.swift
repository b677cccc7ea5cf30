import Foundation

/// Publication dates as the calendar date `YYYY-MM-DD` (the `xsd:date`
/// form every output can type), read from the forms news sources write:
/// ISO 8601 (`2024-11-20`, `2024-11-20T14:03:00+02:00`, HTML `datetime`,
/// Atom), RFC 822 / RFC 1123 (`Wed, 20 Nov 2024 14:03:00 GMT`, RSS
/// `pubDate`, with or without the weekday, two- or four-digit years) and
/// `20 November 2024` / `November 20, 2024`.
///
/// The date is the one written in the source's own time zone: no
/// conversion, so "23:30 -05:00" stays on its day. Anything else is kept
/// as written (trimmed), since a date a person can read is still worth
/// carrying. Not supported: week dates, ordinal dates, relative dates
/// ("2 hours ago"), calendars other than the Gregorian one.
enum ArticleDate {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func normalize(_ raw: String) -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if let iso = iso(text) { return iso }
        if let words = wordDate(text) { return words }
        return text
    }

    /// `YYYY-MM-DD` at the start, followed by nothing, `T`, a space or a zone.
    static func iso(_ text: String) -> String? {
        let b = Array(text.utf8.prefix(11))
        guard b.count >= 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        for i in [0, 1, 2, 3, 5, 6, 8, 9] where !(0x30...0x39).contains(b[i]) { return nil }
        if b.count == 11 && !(b[10] == 0x54 || b[10] == 0x20 || b[10] == 0x5A || b[10] == 0x2B || b[10] == 0x2D) {
            return nil
        }
        let date = String(decoding: b[0..<10], as: UTF8.self)
        return valid(year: Int(date.prefix(4))!, month: Int(date.dropFirst(5).prefix(2))!,
                     day: Int(date.dropFirst(8))!)
    }

    /// Day, month name and year in any order the usual forms use.
    static func wordDate(_ text: String) -> String? {
        let tokens = text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        var day: Int?, month: Int?, year: Int?
        for token in tokens {
            if let m = months.firstIndex(where: { token.hasPrefix($0) }), token.allSatisfy(\.isLetter) {
                if month == nil { month = m + 1 }
            } else if let n = Int(token) {
                if token.count == 4, year == nil, day != nil || month != nil {
                    year = n
                } else if token.count <= 2, day == nil, n >= 1, n <= 31 {
                    day = n
                } else if token.count == 2, year == nil, day != nil, month != nil {
                    year = n < 50 ? 2000 + n : 1900 + n
                }
            }
            if day != nil && month != nil && year != nil { break }
        }
        guard let day, let month, let year else { return nil }
        return valid(year: year, month: month, day: day)
    }

    static func valid(year: Int, month: Int, day: Int) -> String? {
        guard (1...12).contains(month), day >= 1 else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1], (1000...9999).contains(year) else { return nil }
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }
}
