import Catalog

/// The frame of every page: navigation, search box, a SAMPLE banner when the catalog is the demo one.
/// Styles are inline: the enclave has no internet, so nothing is fetched from elsewhere.
enum Layout {
    static func page(title: String, version: CatalogVersion? = nil, query: String = "", body: String) -> String {
        let banner =
            version?.isSample == true
            ? "<div class=\"banner\">SAMPLE catalog made up by Hublot to show how it works: not real data. Import a real catalog with <code>hublot catalog import DIR</code>.</div>"
            : ""
        let versionNote = version.map { " · catalog version <a href=\"/catalog/versions\">\(escape($0.name))</a>" } ?? ""
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · Hublot</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <a class="brand" href="/">Hublot</a>
            <nav><a href="/search">Publications</a> <a href="/dashboard">Dashboard</a> <a href="/catalog">Catalog</a> <a href="/catalog/nomenclatures">Nomenclatures</a> <a href="/catalog/versions">Versions</a> <a href="/curation">Curation</a></nav>
            <form action="/catalog/search" method="get" role="search">
            <input type="search" name="q" value="\(escape(query))" placeholder="Search variables: date de naissance, sexe, diagnostic..." aria-label="Search variables">
            <button type="submit">Search</button>
            </form>
            </header>
            \(banner)
            <main>
            \(body)
            </main>
            <footer>Hublot — a window on a national hub of health data\(versionNote)</footer>
            </body>
            </html>
            """
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2430;background:#fafbfc;line-height:1.45}
        header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;padding:.6rem 1.2rem;background:#0b3d63;color:#fff}
        header a{color:#fff;text-decoration:none;margin-right:.8rem}.brand{font-weight:700;font-size:1.2rem}
        header form{margin-left:auto;display:flex;gap:.3rem}header input{width:28rem;max-width:60vw;padding:.35rem .5rem;border:0;border-radius:3px}
        header button{padding:.35rem .8rem;border:0;border-radius:3px;background:#f0b429;color:#1d2430;cursor:pointer}
        main{max-width:75rem;margin:0 auto;padding:1rem 1.2rem 3rem}footer{color:#6b7785;font-size:.85rem;padding:1rem 1.2rem;border-top:1px solid #e1e5ea}
        .banner{background:#fff3cd;border-bottom:2px solid #f0b429;padding:.5rem 1.2rem;font-weight:600}
        table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem;background:#fff}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e1e5ea;vertical-align:top}
        th{background:#eef2f6;font-weight:600}td code,code{font-family:ui-monospace,Menlo,monospace;font-size:.92em}
        a{color:#0b63a5}.muted{color:#6b7785}.score{color:#6b7785;font-variant-numeric:tabular-nums}
        .cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}.card{background:#fff;border:1px solid #e1e5ea;border-radius:6px;padding:.7rem 1rem;min-width:9rem}
        .card b{display:block;font-size:1.5rem}.warning{color:#8a5300}.graph{background:#fff;border:1px solid #e1e5ea;border-radius:6px;overflow:auto}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
        mark{background:#fde68a}.case{background:#fff;border:1px solid #e1e5ea;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
        .case h2{font-size:1.05rem;margin:.3rem 0}.evidence li{margin:.3rem 0}.done{color:#1a7f37;font-weight:600}.empty{background:#fff;border:1px solid #e1e5ea;border-radius:6px;padding:1rem 1.5rem}
        """
}
