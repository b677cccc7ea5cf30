import ParleyXML

/// The readable text of an HTML element tree (a page's article body, a
/// feed item's description, an Atom `xhtml` content): one line per block
/// (paragraph, heading, list item, quote, cell), inline runs joined, white
/// space collapsed as a browser shows it, `<br>` a line break.
///
/// Boilerplate is left out: elements that never hold article prose
/// (`nav`, `script`, `style`, `aside`, `footer`, `header`, `form`,
/// `figure` and its caption, `iframe`, `button`…), elements hidden from
/// readers (`hidden`, `aria-hidden="true"`, `display:none`), landmark roles
/// other than the main one, and elements whose `class` or `id` names an ad,
/// a share bar, a newsletter box or related links.
///
/// Elements are matched by local name, so XHTML (in its namespace) reads
/// like HTML. The walk uses an explicit stack: nesting depth is unbounded.
struct HTMLText {
    /// Elements whose content is never article text.
    static let droppedElements: Set<String> = [
        "script", "style", "noscript", "template", "nav", "aside", "footer", "header", "form", "figure",
        "figcaption", "iframe", "svg", "math", "button", "select", "textarea", "input", "label", "object",
        "embed", "canvas", "audio", "video", "map", "dialog", "menu", "head", "title", "meta", "link",
    ]

    /// Elements that start and end a line.
    static let blockElements: Set<String> = [
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "dl", "dt",
        "dd", "hr", "address", "center", "body", "html", "details", "summary", "hgroup", "fieldset",
    ]

    /// `class` / `id` words (split at `-`, `_`, space) that mark boilerplate.
    static let boilerplateWords: Set<String> = [
        "ad", "ads", "advert", "adverts", "advertisement", "advertising", "sponsored", "promo", "promotion",
        "related", "recommended", "share", "sharing", "social", "newsletter", "subscribe", "subscription",
        "signup", "paywall", "comments", "comment", "cookie", "cookies", "consent", "banner", "breadcrumb",
        "breadcrumbs", "outbrain", "taboola", "byline", "author", "tags", "toolbar", "skip", "sidebar",
    ]

    /// Landmark roles that are not the article.
    static let droppedRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert", "menu", "menubar",
        "toolbar",
    ]

    /// Lines that are page furniture even inside an article.
    static let furnitureLines: Set<String> = [
        "advertisement", "advertisement:", "skip to content", "skip to main content", "share", "share this article",
        "read more", "continue reading", "subscribe", "sign up", "listen to this article",
    ]

    /// Whether `element` (by itself, not its ancestors) is left out.
    static func isDropped(_ element: XMLElement) -> Bool {
        let name = element.localName.lowercased()
        if droppedElements.contains(name) { return true }
        for attribute in element.attributes where attribute.namespaceURI == nil {
            switch attribute.localName.lowercased() {
            case "hidden": return true
            case "aria-hidden": if attribute.value.lowercased() == "true" { return true }
            case "role": if droppedRoles.contains(attribute.value.lowercased()) { return true }
            case "style":
                let style = attribute.value.lowercased().filter { !$0.isWhitespace }
                if style.contains("display:none") || style.contains("visibility:hidden") { return true }
            case "class", "id":
                if name == "body" || name == "html" || name == "article" || name == "main" { continue }
                for word in words(attribute.value) where boilerplateWords.contains(word) { return true }
            default: continue
            }
        }
        return false
    }

    /// Lower-case words of a `class` or `id` value.
    static func words(_ value: String) -> [String] {
        value.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// The lines of `root`'s text, boilerplate dropped, each trimmed and
    /// non-empty.
    static func lines(of root: XMLElement, keepRoot: Bool = true) -> [String] {
        var builder = LineBuilder()
        if !keepRoot && isDropped(root) { return [] }
        // (element, index of the next child); a nil element closes a block.
        var stack: [(XMLElement, Int)] = [(root, 0)]
        builder.breakLine()
        while !stack.isEmpty {
            let (element, i) = stack[stack.count - 1]
            guard i < element.children.count else {
                stack.removeLast()
                if blockElements.contains(element.localName.lowercased()) { builder.breakLine() }
                continue
            }
            stack[stack.count - 1].1 = i + 1
            switch element.children[i] {
            case .text(let text):
                builder.append(text)
            case .entityReference(let name):
                builder.append("&" + name + ";")
            case .element(let child):
                let name = child.localName.lowercased()
                if name == "br" {
                    builder.breakLine()
                } else if !isDropped(child) {
                    if blockElements.contains(name) { builder.breakLine() }
                    stack.append((child, 0))
                }
            }
        }
        builder.breakLine()
        return builder.lines.filter { !furnitureLines.contains($0.lowercased()) }
    }

    /// The text of an HTML fragment (a feed description): its lines joined
    /// by newlines. Plain text without markup or references is only
    /// trimmed and collapsed.
    static func text(ofFragment fragment: String, name: String) -> String {
        guard fragment.contains("<") || fragment.contains("&") else {
            var builder = LineBuilder()
            for line in fragment.split(separator: "\n", omittingEmptySubsequences: true) {
                builder.append(String(line))
                builder.breakLine()
            }
            return builder.lines.joined(separator: "\n")
        }
        guard let tree = try? HTMLReader.parse(fragment, name: name) else { return "" }
        return lines(of: tree.root).joined(separator: "\n")
    }
}

/// Accumulates inline text into lines, collapsing white space.
struct LineBuilder {
    private(set) var lines: [String] = []
    private var current = ""
    private var pendingSpace = false

    mutating func append(_ text: String) {
        for scalar in text.unicodeScalars {
            if Self.isSpace(scalar) {
                pendingSpace = !current.isEmpty
            } else {
                if pendingSpace { current.unicodeScalars.append(" ") }
                pendingSpace = false
                current.unicodeScalars.append(scalar)
            }
        }
    }

    mutating func breakLine() {
        if !current.isEmpty { lines.append(current) }
        current = ""
        pendingSpace = false
    }

    /// HTML white space, no-break and zero-width spaces.
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0C, 0x0D, 0xA0, 0x200B, 0x2007, 0x202F, 0xFEFF: return true
        default: return false
        }
    }
}
