import Foundation
import ParleyXML

/// A news article found in a saved web page: its headline, its body text
/// (one paragraph per line) and the page's metadata.
///
/// - Headline: the first `<h1>` of the article body, else the page's first
///   `<h1>` outside navigation, else `og:title`, `twitter:title`, the
///   JSON-LD `headline`, and `<title>` last (without a trailing
///   " | Site name" when `og:site_name` gives it).
/// - Body: the `<article>` holding the most paragraph text, else `<main>`
///   (or `role="main"`), else the element whose own `<p>` children hold the
///   most text (the densest block of paragraphs), else `<body>`; its text by
///   `HTMLText`, so navigation, scripts, asides, footers, forms and captions
///   are left out.
/// - URL: `<link rel="canonical">`, else `og:url`, else the JSON-LD `url`.
/// - Date: `article:published_time` and the other usual meta tags, the
///   JSON-LD `datePublished`, else the first `<time datetime>` of the body
///   or the page; as `YYYY-MM-DD` when it can be read (`ArticleDate`).
///
/// Not supported: pages that build their text with scripts (nothing to
/// read without running them), articles split over several pages, and
/// paywalled text that is not in the saved file.
struct HTMLArticle {
    var headline: String?
    var lines: [String]
    var url: String?
    var date: String?

    /// The document text: the headline on the first line, then the body.
    var text: String {
        ((headline.map { [$0] } ?? []) + lines).joined(separator: "\n")
    }

    init(page tree: XMLTree) {
        let root = tree.root
        let index = PageIndex(root)
        let body = HTMLArticle.body(index)
        var bodyLines = HTMLText.lines(of: body)
        let headline = HTMLArticle.headline(index, body: body)
        if let headline, bodyLines.first == headline { bodyLines.removeFirst() }
        self.headline = headline
        self.lines = bodyLines
        self.url = index.meta(["og:url", "twitter:url"])
        if let canonical = index.links.first(where: { $0.rel.contains("canonical") })?.href { url = canonical }
        if url == nil { url = index.jsonLD?.url }
        let rawDate = index.meta(PageIndex.dateMetaNames) ?? index.jsonLD?.datePublished
            ?? PageIndex.firstTime(in: body) ?? PageIndex.firstTime(in: root)
        self.date = rawDate.map(ArticleDate.normalize)
    }

    /// See the type's documentation for the order.
    static func body(_ index: PageIndex) -> XMLElement {
        let articles = index.elements(named: "article")
        if let best = articles.max(by: { paragraphText($0) < paragraphText($1) }), paragraphText(best) > 0 {
            return best
        }
        if let main = index.elements(named: "main").first ?? index.all.first(where: {
            $0.value(of: "role")?.lowercased() == "main"
        }) {
            return main
        }
        var best: (XMLElement, Int)?
        for element in index.all {
            var own = 0
            for case .element(let child) in element.children where child.localName == "p" && !HTMLText.isDropped(child) {
                own += HTMLText.lines(of: child).reduce(0) { $0 + $1.count }
            }
            if own > (best?.1 ?? 0) { best = (element, own) }
        }
        return best?.0 ?? index.elements(named: "body").first ?? index.root
    }

    static func headline(_ index: PageIndex, body: XMLElement) -> String? {
        // The article's own heading may sit in its <header>, which the
        // body text leaves out: look for it everywhere in the body.
        let inBody = PageIndex.first(in: body) { $0.localName == "h1" }.map { [$0] } ?? []
        for h1 in inBody + index.elements(named: "h1") {
            if let text = nonEmpty(HTMLText.lines(of: h1).joined(separator: " ")) { return text }
        }
        if let title = index.meta(["og:title", "twitter:title"]) ?? index.jsonLD?.headline { return title }
        guard var title = index.title else { return nil }
        if let site = index.meta(["og:site_name"]) {
            for separator in [" | ", " - ", " – ", " — ", " :: "] where title.hasSuffix(separator + site) {
                title = String(title.dropLast(separator.count + site.count))
            }
        }
        return title
    }

    /// The length of the text in `element`'s paragraphs.
    static func paragraphText(_ element: XMLElement) -> Int {
        PageIndex(element).elements(named: "p").reduce(0) { total, p in
            total + HTMLText.lines(of: p).reduce(0) { $0 + $1.count }
        }
    }

    static func collapse(_ text: String) -> String {
        var builder = LineBuilder()
        builder.append(text)
        builder.breakLine()
        return builder.lines.first ?? ""
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}

/// The elements of a page that metadata comes from, found in one walk that
/// skips boilerplate (so a `<h1>` in the site header is not the headline).
struct PageIndex {
    struct Link { var rel: [String]; var href: String }

    let root: XMLElement
    /// Every element outside dropped subtrees, in document order.
    private(set) var all: [XMLElement] = []
    private(set) var metas: [(name: String, content: String)] = []
    private(set) var links: [Link] = []
    private(set) var jsonLD: JSONLinkedData?
    /// The page's `<title>`, white space collapsed.
    private(set) var title: String?

    static let dateMetaNames = [
        "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
        "publish-date", "publication_date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
        "sailthru.date", "parsely-pub-date", "article.published", "citation_publication_date",
    ]

    init(_ root: XMLElement) {
        self.root = root
        var stack: [(element: XMLElement, isRoot: Bool)] = [(root, true)]
        var scripts: [String] = []
        while let (element, isRoot) = stack.popLast() {
            let name = element.localName
            switch name {
            case "meta":
                let key = element.value(of: "property") ?? element.value(of: "name") ?? element.value(of: "itemprop")
                if let key, let content = element.value(of: "content") {
                    metas.append((key.lowercased(), HTMLArticle.collapse(content)))
                }
            case "link":
                if let rel = element.value(of: "rel"), let href = element.value(of: "href") {
                    links.append(Link(rel: HTMLText.words(rel), href: href.trimmingCharacters(in: .whitespaces)))
                }
            case "script":
                if element.value(of: "type")?.lowercased() == "application/ld+json" { scripts.append(element.text) }
            case "title":
                if title == nil { title = HTMLArticle.nonEmpty(HTMLArticle.collapse(element.text)) }
            default: break
            }
            if !isRoot && name != "head" && HTMLText.isDropped(element) { continue }
            all.append(element)
            for case .element(let child) in element.children.reversed() { stack.append((child, false)) }
        }
        jsonLD = scripts.lazy.compactMap(JSONLinkedData.init).first
    }

    func elements(named name: String) -> [XMLElement] { all.filter { $0.localName == name } }

    /// The first non-empty meta content among `names`, in the order given.
    func meta(_ names: [String]) -> String? {
        for name in names {
            if let hit = metas.first(where: { $0.name == name && !$0.content.isEmpty }) { return hit.content }
        }
        return nil
    }

    /// The `datetime` of the first `<time>` in `element`.
    static func firstTime(in element: XMLElement) -> String? {
        first(in: element) { $0.localName == "time" && !($0.value(of: "datetime") ?? "").isEmpty }?
            .value(of: "datetime")
    }

    /// The first element of `element`'s subtree (itself included) that
    /// matches, in document order, boilerplate included.
    static func first(in element: XMLElement, where matches: (XMLElement) -> Bool) -> XMLElement? {
        var stack: [XMLElement] = [element]
        while let e = stack.popLast() {
            if matches(e) { return e }
            for case .element(let child) in e.children.reversed() { stack.append(child) }
        }
        return nil
    }
}

/// What a page's JSON-LD (`<script type="application/ld+json">`) says about
/// the article: the first object (or `@graph` member) with a headline or a
/// publication date.
struct JSONLinkedData {
    var headline: String?
    var datePublished: String?
    var url: String?

    init?(_ script: String) {
        guard let data = script.data(using: .utf8),
              let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        var pending: [Any] = [json]
        while !pending.isEmpty {
            let item = pending.removeFirst()
            if let array = item as? [Any] {
                pending.append(contentsOf: array)
            } else if let object = item as? [String: Any] {
                if let graph = object["@graph"] { pending.append(graph) }
                let headline = object["headline"] as? String
                let date = object["datePublished"] as? String
                guard headline != nil || date != nil else { continue }
                self.headline = headline.map(HTMLArticle.collapse).flatMap { HTMLArticle.nonEmpty($0) }
                self.datePublished = date
                self.url = object["url"] as? String ?? (object["mainEntityOfPage"] as? [String: Any])?["@id"] as? String
                    ?? object["mainEntityOfPage"] as? String
                return
            }
        }
        return nil
    }
}
