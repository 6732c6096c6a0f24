import Foundation
import Hummingbird
import Search

/// The language of the publications' pages: `?lang=fr|en`, else the browser's first preference, else English.
enum Language: String, Sendable, CaseIterable {
    case en, fr

    init(request: Request) {
        if let asked = request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)) {
            self = asked
            return
        }
        let preferred = request.headers[.acceptLanguage]?.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        self = preferred.hasPrefix("fr") ? .fr : .en
    }

    var labels: Labels { self == .fr ? .french : .english }
}

/// Every word the publications' pages show, in each language.
struct Labels: Sendable {
    var search: String
    var dashboard: String
    var network: String
    var map: String
    var searchPlaceholder: String
    var searchButton: String
    var results: @Sendable (Int) -> String
    var noResults: String
    var pageOf: @Sendable (Int, Int) -> String
    var previous: String
    var next: String
    var sortBy: String
    var sorts: [SearchSort: String]
    var facets: [Facet: String]
    var filters: String
    var clearFilters: String
    var from: String
    var to: String
    var apply: String
    var export: String
    var openAccess: String
    var closedAccess: String
    var uses: String
    var mentions: String
    var curated: String
    var citations: String
    var publications: String
    var year: String
    var abstract: String
    var keywords: String
    var mesh: String
    var authors: String
    var identifiers: String
    var databases: String
    var evidence: String
    var curate: String
    var noAbstract: String
    var noDatabase: String
    var seeAll: String
    var viewDashboard: String
    var viewResults: String
    var downloadData: String
    var researcher: String
    var structure: String
    var journal: String
    var database: String
    var publication: String
    var coAuthors: String
    var emptyStore: String
    var language: String

    static let english = Labels(
        search: "Search", dashboard: "Dashboard", network: "Collaboration network", map: "Map",
        searchPlaceholder: "Search publications: SNDS cancer, \"cohort study\", author:dupont, -covid", searchButton: "Search",
        results: { $0 == 1 ? "1 publication" : "\($0) publications" }, noResults: "No publication matches.",
        pageOf: { "Page \($0) of \($1)" }, previous: "Previous", next: "Next", sortBy: "Sort by",
        sorts: [.relevance: "relevance", .date: "date", .citations: "citations"],
        facets: [
            .database: "Database used", .year: "Year", .structure: "Structure", .author: "Author", .researcher: "Identified researcher",
            .journal: "Journal",
            .country: "Country", .city: "City",
            .language: "Language", .openAccess: "Open access", .type: "Publication type",
        ],
        filters: "Filters", clearFilters: "Clear filters", from: "From", to: "to", apply: "Apply", export: "Export",
        openAccess: "open", closedAccess: "closed", uses: "uses", mentions: "mentions", curated: "curated", citations: "citations",
        publications: "Publications", year: "Year", abstract: "Abstract", keywords: "Keywords", mesh: "MeSH", authors: "Authors",
        identifiers: "Identifiers", databases: "Databases", evidence: "Evidence", curate: "Curate", noAbstract: "No abstract.",
        noDatabase: "No database of the hub found in this publication.",
        seeAll: "See all", viewDashboard: "Dashboard of these publications", viewResults: "List these publications",
        downloadData: "data (CSV)", researcher: "Researcher", structure: "Structure", journal: "Journal", database: "Database",
        publication: "Publication", coAuthors: "Co-authors",
        emptyStore: "No publication in the store yet: ingest some with hublot publications ingest, then hublot classify run.",
        language: "Français")

    static let french = Labels(
        search: "Recherche", dashboard: "Tableau de bord", network: "Réseau de collaboration", map: "Carte",
        searchPlaceholder: "Chercher des publications : SNDS cancer, \"étude de cohorte\", author:dupont, -covid", searchButton: "Chercher",
        results: { $0 <= 1 ? "\($0) publication" : "\($0) publications" }, noResults: "Aucune publication ne correspond.",
        pageOf: { "Page \($0) sur \($1)" }, previous: "Précédente", next: "Suivante", sortBy: "Trier par",
        sorts: [.relevance: "pertinence", .date: "date", .citations: "citations"],
        facets: [
            .database: "Base utilisée", .year: "Année", .structure: "Structure", .author: "Auteur", .researcher: "Chercheur identifié",
            .journal: "Revue",
            .country: "Pays", .city: "Ville",
            .language: "Langue", .openAccess: "Accès ouvert", .type: "Type de publication",
        ],
        filters: "Filtres", clearFilters: "Effacer les filtres", from: "De", to: "à", apply: "Appliquer", export: "Exporter",
        openAccess: "ouvert", closedAccess: "fermé", uses: "utilise", mentions: "mentionne", curated: "validé", citations: "citations",
        publications: "Publications", year: "Année", abstract: "Résumé", keywords: "Mots-clés", mesh: "MeSH", authors: "Auteurs",
        identifiers: "Identifiants", databases: "Bases de données", evidence: "Preuves", curate: "Valider", noAbstract: "Pas de résumé.",
        noDatabase: "Aucune base du hub trouvée dans cette publication.",
        seeAll: "Tout voir", viewDashboard: "Tableau de bord de ces publications", viewResults: "Lister ces publications",
        downloadData: "données (CSV)", researcher: "Chercheur", structure: "Structure", journal: "Revue", database: "Base de données",
        publication: "Publication", coAuthors: "Co-auteurs",
        emptyStore: "Aucune publication pour l'instant : importez-en avec hublot publications ingest, puis lancez hublot classify run.",
        language: "English")
}
