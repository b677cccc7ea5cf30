import Foundation
import XCTest
import ParleyGraph
import ParleyOntology
@testable import ParleyExtraction

/// Issue 6, inputs: real article formats read from files the tests write
/// (a saved news page with navigation, scripts, ads and a footer; an RSS 2.0
/// and an Atom feed; a JSON Lines dump with bad lines; standard input).
final class ArticleReaderTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-articles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Copies `Fixtures/articles/<name>` into the test's folder.
    func fixture(_ name: String, as target: String? = nil) throws -> String {
        let source = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("articles").appendingPathComponent(name)
        let path = folder.appendingPathComponent(target ?? name)
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: path)
        return path.path
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: path)
        return path.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    // MARK: Saved pages

    func testSavedNewsPageGivesHeadlineArticleTextAndMetadata() throws {
        let path = try fixture("news-page.html")
        let batch = ArticleReader().read(path: path)
        XCTAssertEqual(batch.errors, [])
        let document = try XCTUnwrap(batch.documents.first)
        XCTAssertEqual(batch.documents.count, 1)
        XCTAssertEqual(document.text, """
            Hezbollah rejects US-brokered truce as talks stall
            Hezbollah rejected the US-brokered ceasefire proposal on Thursday, saying the draft ignored Lebanese sovereignty.
            The group's leader, Naim Qassem, said in a televised address that the movement would not accept any deal that allowed Israeli forces to strike Lebanese territory.
            Lebanese Prime Minister Najib Mikati said Lebanon would consider the US proposal if it guaranteed an Israeli withdrawal from southern Lebanon.
            \u{201C}We are open to any serious initiative,\u{201D} Mikati told reporters.
            US envoy Amos Hochstein is expected in Beirut next week to press the plan.
            Talks resume on Monday.
            """)
        XCTAssertEqual(document.info, DocumentInfo(
            name: "news-page.html", path: path, title: "Hezbollah rejects US-brokered truce as talks stall",
            url: "https://levantledger.example/news/2024/11/21/hezbollah-rejects-truce", date: "2024-11-21"))
        for boilerplate in ["Advertisement", "Skip to content", "Politics", "Share on", "Smoke rises", "Related",
                            "Subscribe", "All rights reserved", "Most read", "dataLayer", "Hamas accepted", "Rana Haddad"] {
            XCTAssertFalse(document.text.contains(boilerplate), "\(boilerplate) leaked into the text")
        }
    }

    func testPageWithoutArticleOrMainTakesTheDensestParagraphsAndTitleTag() throws {
        let path = try write("plain.htm", """
            <html><head><title>Truce talks | Wire</title><meta property="og:site_name" content="Wire"></head>
            <body><div id="menu"><p>Home</p><p>World</p></div>
            <div class="content"><p>Egypt proposed a truce in Gaza on Monday.</p><p>Hamas said it would consider
            the Egyptian proposal.</p></div><div class="footer-links"><p>Contact</p></div>
            <p class="date">Published <time datetime="2024-02-29">29 Feb</time></p></body></html>
            """)
        let document = try XCTUnwrap(ArticleReader().read(path: path).documents.first)
        XCTAssertEqual(document.text, "Truce talks\nEgypt proposed a truce in Gaza on Monday.\n"
                       + "Hamas said it would consider the Egyptian proposal.")
        XCTAssertEqual(document.info.title, "Truce talks")
        XCTAssertEqual(document.info.date, "2024-02-29")
        XCTAssertNil(document.info.url)
    }

    /// The bytes are decoded before parsing: a UTF-8 page that claims
    /// ISO-8859-1 reads right, and a Windows-1252 page is transcoded with a
    /// warning.
    func testPageEncodingComesFromTheBytesNotTheMetaTag() throws {
        let utf8 = try write("utf8.html", "<html><head><meta charset=\"iso-8859-1\"></head><body><article>"
                             + "<p>Qatar\u{2019}s mediators met in Doha \u{2014} Sá and Zoë attended.</p></article></body></html>")
        XCTAssertEqual(ArticleReader().read(path: utf8).documents.first?.text,
                       "Qatar\u{2019}s mediators met in Doha \u{2014} Sá and Zoë attended.")
        let cp1252 = try write("cp1252.html", Array("<html><body><main><p>".utf8) + [0x93] + Array("Truce".utf8) + [0x94]
                               + Array(" holds.</p></main></body></html>".utf8))
        let batch = ArticleReader().read(path: cp1252)
        XCTAssertEqual(batch.documents.first?.text, "\u{201C}Truce\u{201D} holds.")
        XCTAssertEqual(batch.warnings.map(\.message), ["not valid UTF-8; read as Windows-1252"])
    }

    func testPageWithoutTextIsAnErrorNamingIt() throws {
        let path = try write("app.html", "<html><head><title>App</title><script>render()</script></head><body>"
                             + "<div id=\"root\"></div><noscript>Enable JavaScript</noscript></body></html>")
        let batch = ArticleReader().read(path: path)
        XCTAssertEqual(batch.documents.count, 0)
        XCTAssertEqual(batch.errors, [.noArticleText(path: path)])
        XCTAssertTrue(batch.errors[0].description.hasPrefix(path + ": "))
    }

    /// Broken markup is recovered from; nesting up to libxml2's depth limit
    /// (256 elements) is read, and deeper nesting cannot crash the reader:
    /// what lies below the limit is not seen, and a page left without text
    /// is an error naming it.
    func testDeeplyNestedAndBrokenMarkupIsRead() throws {
        func page(depth: Int) -> String {
            "<html><body><article>" + String(repeating: "<div>", count: depth) + "<p>Hamas rejected the plan."
                + String(repeating: "</div>", count: depth / 2) + "<p>Unclosed <b>bold <i>text</p></table></body>"
        }
        let shallow = try write("shallow.html", page(depth: 200))
        let document = try XCTUnwrap(ArticleReader().read(path: shallow).documents.first)
        XCTAssertEqual(document.text, "Hamas rejected the plan.\nUnclosed bold text")
        let deep = try write("deep.html", page(depth: 100_000))
        let batch = ArticleReader().read(path: deep)
        XCTAssertEqual(batch.documents.count + batch.errors.count, 1)
        XCTAssertEqual(batch.errors.first?.path ?? deep, deep)
    }

    // MARK: Feeds

    func testRSSFeedGivesOneDocumentPerItemWithTitleLinkAndDate() throws {
        let path = try fixture("ceasefire-feed.rss")
        let batch = ArticleReader().read(path: path)
        XCTAssertEqual(batch.errors, [])
        XCTAssertEqual(batch.warnings, [DocumentWarning(path: path, message: "item 4 holds no text; skipped")])
        XCTAssertEqual(batch.documents.map(\.info), [
            DocumentInfo(name: "ceasefire-feed.rss#1", path: path, title: "Hamas accepts Egyptian truce plan",
                         url: "https://levantledger.example/news/2024/11/20/hamas-accepts-plan", date: "2024-11-20"),
            DocumentInfo(name: "ceasefire-feed.rss#2", path: path, title: "Israel rejects Qatari proposal & demands hostage release",
                         url: "https://levantledger.example/news/2024/11/19/israel-rejects-qatari-proposal", date: "2024-11-19"),
            DocumentInfo(name: "ceasefire-feed.rss#3", path: path, title: "Hezbollah rejects US-brokered ceasefire",
                         url: "https://levantledger.example/news/2024/11/21/hezbollah-rejects-truce", date: "2024-11-21"),
        ])
        XCTAssertEqual(batch.documents.map(\.text), [
            "Hamas accepts Egyptian truce plan\nHamas accepted the Egyptian truce plan on Wednesday, officials said.\n"
                + "Israel has not yet responded.",
            "Israel rejects Qatari proposal & demands hostage release\nIsrael rejected the Qatari ceasefire proposal on Tuesday.\n"
                + "Israeli officials demanded the release of all hostages before any truce.\nQatar said it would keep mediating.",
            "Hezbollah rejects US-brokered ceasefire\nHezbollah rejected the US-brokered ceasefire proposal on Thursday.",
        ])
    }

    func testAtomFeedGivesOneDocumentPerEntryWithHTMLAndXHTMLContent() throws {
        let path = try fixture("ceasefire-feed.atom")
        let batch = ArticleReader().read(path: path)
        XCTAssertEqual(batch.errors, [])
        XCTAssertEqual(batch.documents.map(\.info), [
            DocumentInfo(name: "ceasefire-feed.atom#1", path: path, title: "Sudan talks: RSF accepts Jeddah framework",
                         url: "https://mediationwatch.example/2024/11/22/sudan-jeddah", date: "2024-11-22"),
            DocumentInfo(name: "ceasefire-feed.atom#2", path: path, title: "Ukraine considers energy truce",
                         url: "https://mediationwatch.example/2024/11/21/energy-truce", date: "2024-11-21"),
        ])
        XCTAssertEqual(batch.documents.map(\.text), [
            "Sudan talks: RSF accepts Jeddah framework\nThe Rapid Support Forces accepted the Jeddah framework on Friday.\n"
                + "The Sudanese army rejected it.",
            "Ukraine considers energy truce\nUkraine is considering the energy truce proposed by Turkey.\n"
                + "Russia demanded sanctions relief as a condition.",
        ])
    }

    func testMalformedFeedAndOtherXMLAreErrorsNamingTheFile() throws {
        let broken = try write("broken.rss", "<?xml version=\"1.0\"?>\n<rss><channel>\n<item><title>A &nbsp; B</title></item>\n</channel></rss>")
        let batch = ArticleReader().read(path: broken)
        guard case .malformedFeed(let file, let line, _)? = batch.errors.first else {
            return XCTFail("\(batch.errors)")
        }
        XCTAssertEqual(file, broken)
        XCTAssertEqual(line, 3)
        XCTAssertTrue(batch.errors[0].description.hasPrefix(broken + ":3: not a well-formed feed"), batch.errors[0].description)

        let sitemap = try write("sitemap.xml", "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url/></urlset>")
        XCTAssertEqual(ArticleReader().read(path: sitemap).errors, [.notAFeed(path: sitemap, root: "urlset")])
        let empty = try write("empty.atom", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>")
        XCTAssertEqual(ArticleReader().read(path: empty).errors, [.emptyFeed(path: empty)])
    }

    /// An external entity in a feed is never fetched or read.
    func testFeedWithExternalEntityReadsNothingOutside() throws {
        let path = try write("xxe.rss", """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><item><title>Leak &secret;</title><description>Hamas rejected the plan.</description></item></channel></rss>
            """)
        let batch = ArticleReader().read(path: path)
        XCTAssertFalse(batch.documents.contains { $0.text.contains("root:") })
    }

    // MARK: JSON Lines

    func testJSONLinesDumpReadsGoodLinesAndNamesEachBadLine() throws {
        let path = try fixture("dump.jsonl")
        let batch = ArticleReader().read(path: path)
        XCTAssertEqual(batch.documents.map(\.info), [
            DocumentInfo(name: "wire-001", path: path, title: "Egypt proposes Gaza truce", url: "https://wire.example/001",
                         date: "2024-11-18"),
            DocumentInfo(name: "wire-002", path: path),
            DocumentInfo(name: "4", path: path, title: "Qatar mediates", date: "2024-11-18"),
            DocumentInfo(name: "wire-010", path: path),
        ])
        XCTAssertEqual(batch.documents[0].text, "Egypt proposed a two-week truce in Gaza.\nHamas said it would consider the Egyptian proposal.")
        XCTAssertEqual(batch.errors.map(\.description), [
            "\(path):3: not valid JSON; line skipped",
            "\(path):6: no \"text\" field; line skipped",
            "\(path):7: not a JSON object; line skipped",
            "\(path):8: id \"wire-001\" was already used on line 1; line skipped",
            "\(path):9: \"text\" holds no text; line skipped",
            "\(path):10: \"title\" is not a string; line skipped",
        ])
    }

    func testLongJSONLinesAreReadAcrossChunksAndOverLongOnesReported() throws {
        let long = String(repeating: "Hamas rejected the Egyptian truce plan. ", count: 2_000)
        var lines = (0..<20).map { "{\"id\": \"a\($0)\", \"text\": \"\(long)\"}" }
        lines.insert("{\"id\": \"huge\", \"text\": \"" + String(repeating: "x", count: 300_000) + "\"}", at: 10)
        let path = try write("big.ndjson", lines.joined(separator: "\n"))
        var reader = DocumentReader()
        reader.maximumFileSize = 250_000
        let batch = ArticleReader(documentReader: reader).read(path: path)
        XCTAssertEqual(batch.documents.count, 20)
        XCTAssertEqual(batch.documents.last?.info.name, "a19")
        XCTAssertTrue(batch.documents.last?.text == long, "the last article's text is not what was written")
        XCTAssertEqual(batch.errors.count, 1)
        XCTAssertTrue(batch.errors[0].description.hasPrefix("\(path):11: "), batch.errors[0].description)
    }

    // MARK: Standard input

    func testStandardInputAsTextAndAsJSONLines() throws {
        let text = ArticleReader(standardInput: { Data("Hamas rejected the Egyptian truce plan.\r\n".utf8) }).read(["-"])
        XCTAssertEqual(text.documents.map(\.info), [DocumentInfo(name: "stdin", path: "-")])
        XCTAssertEqual(text.documents.first?.text, "Hamas rejected the Egyptian truce plan.\n")

        let lines = "\u{FEFF}  {\"id\": \"x1\", \"text\": \"Israel accepted the plan.\"}\nnot json\n{\"id\": \"x2\", \"text\": \"Qatar brokered talks.\"}\n"
        let jsonl = ArticleReader(standardInput: { Data(lines.utf8) }).read(["-", "-"])
        XCTAssertEqual(jsonl.documents.map(\.info.name), ["x1", "x2"])
        XCTAssertEqual(jsonl.errors.map(\.description), ["-:2: not valid JSON; line skipped"])
        XCTAssertEqual(jsonl.warnings.map(\.message), ["standard input was already read; read once"])

        let empty = ArticleReader(standardInput: { Data() }).read(["-"])
        XCTAssertEqual(empty.errors, [.document(.empty(path: "-"))])
    }

    // MARK: Folders

    func testFolderOfEveryFormatInPathOrderWithUniqueStableNames() throws {
        _ = try fixture("news-page.html", as: "in/a/news-page.html")
        _ = try fixture("ceasefire-feed.rss", as: "in/b/feed.rss")
        _ = try fixture("ceasefire-feed.atom", as: "in/b/feed.atom")
        _ = try fixture("dump.jsonl", as: "in/c/dump.jsonl")
        try write("in/d/notes.txt", "Hamas rejected the Egyptian truce plan.")
        try write("in/e/notes.txt", "Israel accepted the Egyptian truce plan.")
        try write("in/e/notes.md", "# Notes\nQatar brokered the talks.")
        try write("in/e/image.png", [0x89, 0x50, 0x4E, 0x47])
        let batch = ArticleReader().read([folder.appendingPathComponent("in").path])
        XCTAssertEqual(batch.documents.map(\.info.name), [
            "news-page.html", "feed.atom#1", "feed.atom#2", "feed.rss#1", "feed.rss#2", "feed.rss#3",
            "wire-001", "wire-002", "4", "wire-010", "notes.txt", "notes.md", "notes.txt#2",
        ])
        XCTAssertEqual(Set(batch.documents.map(\.info.name)).count, batch.documents.count)
        XCTAssertTrue(batch.warnings.contains {
            $0.message == "the name notes.txt is already taken by \(folder.appendingPathComponent("in/d/notes.txt").path); named notes.txt#2"
        }, "\(batch.warnings)")
        XCTAssertEqual(batch.errors.count, 6) // the bad lines of the dump
        // The same inputs give the same names.
        XCTAssertEqual(ArticleReader().read([folder.appendingPathComponent("in").path]).documents.map(\.info),
                       batch.documents.map(\.info))
    }

    /// What the formats carry reaches the graph: relations from a page, a
    /// feed item and a dump line, each edge pointing at its document.
    func testExtractionOnEveryFormat() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let ontology = try OntologyLoader.load(from: root.appendingPathComponent("ontology").path)
        _ = try fixture("news-page.html")
        _ = try fixture("ceasefire-feed.rss")
        _ = try fixture("dump.jsonl")
        let batch = ArticleReader().read([folder.path])
        let graph = ExtractionPipeline(ontology: ontology).run(batch.documents, threads: 2).graph
        func has(_ subject: String, _ relation: String, in document: String) -> Bool {
            graph.edges.contains { e in
                e.relation.rawValue == relation && graph.node(e.source)?.label == subject
                    && graph.document(e.provenance.document).name == document
            }
        }
        XCTAssertTrue(has("Hezbollah", "rejects", in: "news-page.html"))
        XCTAssertTrue(has("Hamas", "accepts", in: "ceasefire-feed.rss#1"))
        XCTAssertTrue(has("Israel", "rejects", in: "wire-002"))
        XCTAssertEqual(graph.documents.first { $0.name == "news-page.html" }?.date, "2024-11-21")
    }

    // MARK: Dates

    func testPublicationDatesBecomeCalendarDates() {
        let cases: [(String, String)] = [
            ("2024-11-21", "2024-11-21"), ("2024-11-21T23:30:00-05:00", "2024-11-21"), ("2024-11-21 08:00", "2024-11-21"),
            ("Thu, 21 Nov 2024 09:05:00 GMT", "2024-11-21"), ("21 Nov 24 09:05 +0200", "2024-11-21"),
            ("November 21, 2024", "2024-11-21"), ("21 September 2023", "2023-09-21"), (" 2024-02-29Z ", "2024-02-29"),
            ("2023-02-29", "2023-02-29"), ("yesterday", "yesterday"), ("2024-13-01", "2024-13-01"),
        ]
        for (raw, expected) in cases {
            XCTAssertEqual(ArticleDate.normalize(raw), expected, raw)
        }
    }
}
