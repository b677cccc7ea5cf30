import ParleyGraph

/// Lexical forms of numbers and names shared by the serializers.
enum LexicalForms {
    /// The shortest decimal that reads back as `value` (`0.82`, `1e-05`),
    /// valid for GraphML `double` (Python `float`, Java `parseDouble`, C
    /// `strtod`) and `xsd:double`. Only for finite values.
    static func shortestDouble(_ value: Double) -> String {
        value.description
    }

    /// `xsd:double` lexical form: shortest round trip, or `NaN`, `INF`, `-INF`.
    static func xsdDouble(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        return value.description
    }

    /// The canonical `xsd:decimal` form of a finite double's shortest
    /// round-trip digits: no exponent, at least one digit on each side of
    /// the point, no extra zeros (`0.82`, `1.0`, `-0.000001`). Nil for NaN
    /// and infinities, which `xsd:decimal` cannot carry.
    static func xsdDecimal(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value == 0 { return "0.0" }
        let text = value.magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...])!
        }
        var digits = ""
        var pointAt: Int
        if let dot = mantissa.firstIndex(of: ".") {
            digits = String(mantissa[..<dot]) + String(mantissa[mantissa.index(after: dot)...])
            pointAt = mantissa.distance(from: mantissa.startIndex, to: dot)
        } else {
            digits = String(mantissa)
            pointAt = digits.count
        }
        pointAt += exponent
        // Trim leading zeros (adjusting the point) and trailing zeros.
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            pointAt -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        var integerPart: String
        var fraction: String
        if pointAt <= 0 {
            integerPart = "0"
            fraction = String(repeating: "0", count: -pointAt) + digits
        } else if pointAt >= digits.count {
            integerPart = digits + String(repeating: "0", count: pointAt - digits.count)
            fraction = "0"
        } else {
            let split = digits.index(digits.startIndex, offsetBy: pointAt)
            integerPart = String(digits[..<split])
            fraction = String(digits[split...])
        }
        while fraction.count > 1 && fraction.last == "0" { fraction.removeLast() }
        if fraction.isEmpty { fraction = "0" }
        return (value < 0 ? "-" : "") + integerPart + "." + fraction
    }

    /// Whether `name` can be the local part of an RDF/XML property element
    /// in every parser: an ASCII NCName (a letter or `_`, then letters,
    /// digits, `_`, `-`, `.`). Non-ASCII names are valid XML 1.0 (5th
    /// edition) names but not for every parser (expat follows older rules).
    static func isPortableNCName(_ name: String) -> Bool {
        var first = true
        for b in name.utf8 {
            switch b {
            case 0x41...0x5A, 0x61...0x7A, 0x5F: break
            case 0x30...0x39, 0x2D, 0x2E: if first { return false }
            default: return false
            }
            first = false
        }
        return !first
    }

    /// The nearest portable NCName: other characters become `_`, and a name
    /// that does not start with a letter or `_` gets an `r_` prefix.
    static func sanitizedNCName(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0x5F, 0x30...0x39, 0x2D, 0x2E: out.unicodeScalars.append(scalar)
            default: out.append("_")
            }
        }
        if let first = out.utf8.first, (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first) || first == 0x5F {
            return out
        }
        return "r_" + out
    }
}

/// Shortest round-trip forms of the confidences, made once per distinct
/// value (a graph has few: each rule has its own).
struct ShortestDoubles {
    private var forms: [UInt64: [UInt8]] = [:]

    mutating func form(_ value: Double) -> [UInt8] {
        if let hit = forms[value.bitPattern] { return hit }
        let bytes = Array(LexicalForms.shortestDouble(value).utf8)
        if forms.count < 4096 { forms[value.bitPattern] = bytes }
        return bytes
    }
}
