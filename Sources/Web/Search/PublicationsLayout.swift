import Search

/// The frame of the publications' pages (search, dashboard, entity pages): navigation, language switch, styles
/// and the one small script (suggestions while typing). Everything inline: the enclave fetches nothing.
enum PublicationsLayout {
    enum Section { case search, dashboard, network, map, entity }

    /// `keeping` are the page's own parameters (`view`, `kind`), which the language switch keeps.
    static func page(
        title: String, language: Language, current: Section, request: SearchRequest, keeping: [(name: String, value: String)] = [], body: String
    ) -> String {
        let labels = language.labels
        let other: Language = language == .en ? .fr : .en
        func navLink(_ href: String, _ text: String, _ section: Section) -> String {
            "<a href=\"\(escape(href))\"\(section == current ? " aria-current=\"page\"" : "")>\(escape(text))</a>"
        }
        let filters = request.filtersOnly
        return """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · Hublot</title>
            <style>\(Layout.style)\(style)</style>
            </head>
            <body>
            <a class="skip" href="#main">\(language == .fr ? "Aller au contenu" : "Skip to content")</a>
            <header>
            <a class="brand" href="/">Hublot</a>
            <nav>\(navLink(filters.href("/search", language: language), labels.search, .search)) \(navLink(filters.href("/dashboard", language: language), labels.dashboard, .dashboard)) \(navLink(filters.href("/network", language: language), labels.network, .network)) \(navLink(filters.href("/map", language: language), labels.map, .map)) <a href="/catalog">Catalog</a> <a href="/curation">Curation</a></nav>
            <a class="lang" lang="\(other.rawValue)" href="\(escape(languageSwitch(request, to: other, keeping: keeping)))">\(escape(labels.language))</a>
            </header>
            <main id="main">
            \(body)
            </main>
            <footer>Hublot — \(language == .fr ? "une fenêtre sur un hub national de données de santé" : "a window on a national hub of health data")</footer>
            <script>\(script)</script>
            </body>
            </html>
            """
    }

    /// The current page's address in the other language (the path is set by each page's own links).
    static func languageSwitch(_ request: SearchRequest, to language: Language, keeping: [(name: String, value: String)] = []) -> String {
        "?" + queryString(request.parameters + keeping + [("lang", language.rawValue)])
    }

    static let style = """
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;color:#0b3d63;padding:.3rem .6rem;z-index:9}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
        header nav a[aria-current]{text-decoration:underline;text-underline-offset:.3rem}.lang{margin-left:auto}
        a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #f0b429;outline-offset:2px}
        form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;position:relative;margin:.5rem 0 1rem}
        form.search input[type=search]{flex:1 1 20rem;font-size:1.05rem;padding:.5rem .6rem;border:1px solid #9aa5b1;border-radius:4px}
        form.search button{padding:.5rem 1rem;border:0;border-radius:4px;background:#0b3d63;color:#fff;cursor:pointer}
        .suggestions{position:absolute;top:2.6rem;left:0;right:0;max-width:48rem;background:#fff;border:1px solid #9aa5b1;list-style:none;margin:0;padding:0;z-index:5}
        .suggestions a{display:block;padding:.35rem .6rem;text-decoration:none;color:#1d2430}.suggestions a:focus,.suggestions a:hover{background:#eef2f6}
        .with-facets{display:grid;grid-template-columns:16rem 1fr;gap:1.5rem}@media (max-width:48rem){.with-facets{grid-template-columns:1fr}.facets{order:2}}
        .facets details{background:#fff;border:1px solid #e1e5ea;border-radius:6px;padding:.3rem .7rem;margin-bottom:.6rem}
        .facets summary{font-weight:600;cursor:pointer}.facets ul{list-style:none;margin:.3rem 0;padding:0}.facets li{display:flex;justify-content:space-between;gap:.5rem;margin:.15rem 0}
        .facets a{text-decoration:none;overflow-wrap:anywhere}.facets a.selected{font-weight:700}.count{color:#6b7785;font-variant-numeric:tabular-nums}
        .years{display:flex;flex-wrap:wrap;gap:.3rem;margin:.3rem 0}.years input{width:4rem}
        .results{padding-left:1.5rem}.hit{margin:0 0 1.2rem}.hit h2{font-size:1.05rem;margin:0 0 .2rem}.hit p{margin:.15rem 0}
        .snippet{color:#33404f}.badges{display:flex;flex-wrap:wrap;gap:.3rem}.badge{font-size:.8rem;padding:.05rem .45rem;border-radius:9px;text-decoration:none}
        .badge.uses{background:#0b3d63;color:#fff}.badge.mentions{background:#e1e5ea;color:#1d2430}
        .pages{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}.pages .current{font-weight:700}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem}.chart{margin:0;background:#fff;border:1px solid #e1e5ea;border-radius:6px;padding:.6rem .8rem}
        .chart h2{font-size:1rem;margin:.2rem 0 .5rem}.chart svg{width:100%;height:auto}.chart .data{font-size:.85rem}
        .network svg,.map svg{width:100%;height:auto;background:#fff;border:1px solid #e1e5ea;border-radius:6px}.map{max-width:56rem}.scroll{overflow-x:auto}
        """

    /// Suggestions while typing: the first titles that the query, its last word taken as a prefix, finds. The
    /// page works without it; the arrows and Escape keep it usable from the keyboard.
    static let script = """
        (function(){var q=document.getElementById('q'),list=document.getElementById('suggestions');if(!q||!list)return;var timer=null,seq=0;
        function esc(s){return s.replace(/[&<>"']/g,function(c){return{'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]})}
        function hide(){list.hidden=true;list.innerHTML=''}
        q.addEventListener('input',function(){clearTimeout(timer);var text=q.value;if(text.trim().length<2){hide();return}
        timer=setTimeout(function(){var mine=++seq;fetch(q.dataset.suggest+'?size=6&q='+encodeURIComponent(text)).then(function(r){return r.ok?r.json():null}).then(function(data){
        if(mine!==seq||!data||!data.results.length){if(mine===seq)hide();return}
        list.innerHTML=data.results.map(function(r){return'<li role="option"><a href="/publications/'+r.id+'">'+esc(r.title)+(r.year?' ('+r.year+')':'')+'</a></li>'}).join('');list.hidden=false})},150)});
        q.addEventListener('keydown',function(e){if(e.key==='ArrowDown'&&!list.hidden){var a=list.querySelector('a');if(a){a.focus();e.preventDefault()}}if(e.key==='Escape')hide()});
        list.addEventListener('keydown',function(e){var a=document.activeElement,li=a&&a.parentElement;if(e.key==='ArrowDown'&&li.nextElementSibling){li.nextElementSibling.firstChild.focus();e.preventDefault()}
        if(e.key==='ArrowUp'){if(li.previousElementSibling)li.previousElementSibling.firstChild.focus();else q.focus();e.preventDefault()}if(e.key==='Escape'){hide();q.focus()}});
        })();
        """
}
