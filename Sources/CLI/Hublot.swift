import ArgumentParser

@main
struct Hublot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hublot",
        abstract: "A window on a national hub of health data: its catalog, its use in research, its projects' data.",
        subcommands: [
            CatalogCommand.self, PublicationsCommand.self, DatabasesCommand.self, ClassifyCommand.self, SearchCommand.self, OrganisationsCommand.self,
            EnrichCommand.self,
            EngineCommand.self, SynthCommand.self, QualityCommand.self, PseudoCommand.self, ProjectCommand.self, ExportCommand.self,
            AuditCommand.self, LinkCommand.self, ExtractCommand.self,
            Serve.self,
            Demo.self,
        ]
    )
}
