import ParleyGraph
import ParleyXML

/// The articles of a news feed, one per item: RSS 2.0
/// (https://www.rssboard.org/rss-specification), RSS 1.0
/// (https://web.resource.org/rss/1.0/spec) and Atom (RFC 4287,
/// https://www.rfc-editor.org/rfc/rfc4287).
///
/// Each item becomes one document named `{file}#{n}` (`n` counts items
/// from 1 in feed order, so names are stable for a given file), its text the
/// title on the first line and then the body: RSS `content:encoded`, else
/// `description`; Atom `content`, else `summary`. HTML in them (escaped or
/// in CDATA) is read by the same reader as saved pages, Atom `xhtml`
/// content from its elements. Title, link (RSS `link`, else a permalink
/// `guid`; Atom's `alternate` link) and date (RSS `pubDate`, else
/// `dc:date`; Atom `published`, else `updated`) go to `DocumentInfo`.
///
/// Not supported: enclosures (audio, video), feed pagination (RFC 5005),
/// `xml:base` resolution of relative links, and entities a feed does not
/// declare (`&nbsp;` in XML is an error the whole feed reports).
struct FeedArticles {
    static let atom = "http://www.w3.org/2005/Atom"
    static let rss1 = "http://purl.org/rss/1.0/"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let content = "http://purl.org/rss/1.0/modules/content/"

    let path: String
    let fileName: String

    func read(_ tree: XMLTree) -> ArticleBatch {
        let root = tree.root
        let items: [XMLElement]
        let isAtom: Bool
        switch (root.localName, root.namespaceURI) {
        case ("rss", _):
            items = root.elements.filter { $0.localName == "channel" }.flatMap { channel in
                channel.elements.filter { $0.localName == "item" }
            }
            isAtom = false
        case ("feed", Self.atom?):
            items = root.elements.filter { $0.localName == "entry" && $0.namespaceURI == Self.atom }
            isAtom = true
        case ("RDF", Self.rdf?):
            items = root.elements.filter { $0.localName == "item" && $0.namespaceURI == Self.rss1 }
            isAtom = false
        default:
            var batch = ArticleBatch()
            batch.errors.append(.notAFeed(path: path, root: root.qualifiedName))
            return batch
        }
        var batch = ArticleBatch()
        for (i, item) in items.enumerated() {
            let name = fileName + "#" + String(i + 1)
            let article = isAtom ? atomEntry(item, name: name) : rssItem(item, name: name)
            guard let article else {
                batch.warnings.append(DocumentWarning(path: path, message: "item \(i + 1) holds no text; skipped"))
                continue
            }
            batch.documents.append(article)
        }
        if batch.documents.isEmpty { batch.errors.append(.emptyFeed(path: path)) }
        return batch
    }

    private func rssItem(_ item: XMLElement, name: String) -> SourceDocument? {
        let title = child(item, "title").map { plainOrHTML($0.text, name: name) }
        let body = nonEmpty(child(item, "encoded", namespace: Self.content).map { html($0.text, name: name) })
            ?? child(item, "description").map { html($0.text, name: name) }
        var url = child(item, "link").map { HTMLArticle.collapse($0.text) }.flatMap { HTMLArticle.nonEmpty($0) }
        if url == nil, let guid = child(item, "guid"), guid.value(of: "isPermaLink")?.lowercased() != "false" {
            let value = HTMLArticle.collapse(guid.text)
            if value.hasPrefix("http://") || value.hasPrefix("https://") { url = value }
        }
        let date = (child(item, "pubDate") ?? child(item, "date")).map { ArticleDate.normalize($0.text) }
        return document(name: name, title: title, body: body, url: url, date: date)
    }

    private func atomEntry(_ entry: XMLElement, name: String) -> SourceDocument? {
        let title = child(entry, "title").map { textConstruct($0, name: name) }
        let body = nonEmpty(child(entry, "content").map { textConstruct($0, name: name) })
            ?? child(entry, "summary").map { textConstruct($0, name: name) }
        let links = entry.elements.filter { $0.localName == "link" }
        let alternate = links.first { ($0.value(of: "rel") ?? "alternate") == "alternate" && $0.value(of: "type") == "text/html" }
            ?? links.first { ($0.value(of: "rel") ?? "alternate") == "alternate" }
        let url = alternate?.value(of: "href").map { HTMLArticle.collapse($0) }.flatMap { HTMLArticle.nonEmpty($0) }
        let date = (child(entry, "published") ?? child(entry, "updated")).map { ArticleDate.normalize($0.text) }
        return document(name: name, title: title, body: body, url: url, date: date)
    }

    private func document(name: String, title: String?, body: String?, url: String?, date: String?) -> SourceDocument? {
        let title = nonEmpty(title)
        var lines = (body ?? "").split(separator: "\n").map(String.init)
        if let title, lines.first == title { lines.removeFirst() }
        let text = ((title.map { [$0] } ?? []) + lines).joined(separator: "\n")
        guard !text.isEmpty else { return nil }
        let info = DocumentInfo(name: name, path: path, title: title, url: url, date: nonEmpty(date))
        return SourceDocument(info: info, text: text)
    }

    /// An Atom text construct: `text` (default), `html` or `xhtml`.
    private func textConstruct(_ element: XMLElement, name: String) -> String {
        switch element.value(of: "type")?.lowercased() {
        case "html", "text/html": return html(element.text, name: name)
        case "xhtml", "application/xhtml+xml":
            let div = element.elements.first ?? element
            return HTMLText.lines(of: div).joined(separator: "\n")
        default: return plainOrHTML(element.text, name: name)
        }
    }

    private func html(_ text: String, name: String) -> String {
        HTMLText.text(ofFragment: text, name: name)
    }

    /// Plain text, unless it holds markup (some feeds put HTML in titles).
    private func plainOrHTML(_ text: String, name: String) -> String {
        text.contains("<") ? html(text, name: name) : HTMLArticle.collapse(text)
    }

    private func child(_ element: XMLElement, _ localName: String, namespace: String? = nil) -> XMLElement? {
        element.elements.first { $0.localName == localName && (namespace == nil || $0.namespaceURI == namespace) }
    }

    private func nonEmpty(_ text: String?) -> String? { HTMLArticle.nonEmpty(text) }
}
