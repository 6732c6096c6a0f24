import ArgumentParser
import Foundation
import Workbench

struct ProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Create and list the projects whose results leave the platform, with their minimum cell count and recipient.",
        subcommands: [Create.self, List.self, Show.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a project (recorded in the audit log).")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The project's name.") var name: String
        @Option(name: .customLong("min-count"), help: "Counts of people below this are small cells.") var minimumCount = 10
        @Option(help: "Who the project's results are released to.") var recipient = ""
        @OptionGroup var actorOptions: ActorOptions
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            let project: Project = try await reportingWorkbenchErrors {
                try await ProjectRepository(store: try storeOptions.open()).create(
                    name: name, minimumCount: minimumCount, recipient: recipient, actor: try actorOptions.resolved())
            }
            if format == .json { return try printJSON(project) }
            let releasedTo = project.recipient.isEmpty ? "(no recipient given)" : project.recipient
            print("Created project \(project.name): minimum count \(project.minimumCount), released to \(releasedTo)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the projects.")

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            let projects = try await ProjectRepository(store: try storeOptions.open()).projects()
            if format == .json { return try printJSON(projects) }
            if projects.isEmpty { return print("No project yet: create one with `hublot project create NAME`.") }
            print(
                columns(
                    [["project", "min count", "recipient", "created"]]
                        + projects.map { [$0.name, String($0.minimumCount), $0.recipient, $0.createdAt] }))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a project.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The project's name.") var name: String
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            let project: Project = try await reportingWorkbenchErrors {
                try await ProjectRepository(store: try storeOptions.open()).project(named: name)
            }
            if format == .json { return try printJSON(project) }
            print("Project \(project.name)\n  minimum count: \(project.minimumCount)")
            print("  recipient: \(project.recipient)\n  created: \(project.createdAt)")
        }
    }
}

/// Who does what, as the audit log records it.
struct ActorOptions: ParsableArguments {
    @Option(help: "Who acts (default: $USER).") var actor: String?

    func resolved() throws -> String {
        if let actor, !actor.isEmpty { return actor }
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        throw ValidationError("say who acts with --actor (no $USER in the environment)")
    }
}

/// Runs `body`, printing the workbench's user errors (a bad file, an unknown project, a refused release) to standard
/// error with exit code 2 rather than as a stack of Swift types.
func reportingWorkbenchErrors<Value>(_ body: () async throws -> Value) async throws -> Value {
    do {
        return try await body()
    } catch let error as ExportFileError {
        printError("error: \(error.description)")
    } catch let error as ProjectError {
        printError("error: \(error.description)")
    } catch let error as ExportRequestError {
        printError("error: \(error.description)")
    }
    throw ExitCode(2)
}
