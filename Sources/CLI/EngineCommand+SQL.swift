import ArgumentParser
import Foundation
import Workbench

extension EngineCommand {
    struct SQL: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sql",
            abstract: "Run SQL on an engine, in its own dialect: a script's statements in order; the rows of queries as CSV.",
            discussion: """
                Statements are split on semicolons outside quotes and comments. A statement that answers rows \
                (SELECT, WITH, SHOW, DESCRIBE, VALUES, EXPLAIN) prints them as CSV on standard output; timings go \
                to standard error. Example: hublot engine sql postgresql://hublot@127.0.0.1/p --file plan.sql
                """
        )

        @Argument(help: "The engine, e.g. sqlite:///path/p.sqlite, postgresql://user@host/db, sc://host:15002.")
        var engine: String

        @Option(help: "A file of statements (- for standard input).")
        var file: String?

        @Option(help: "One statement, instead of --file.")
        var command: String?

        @Flag(help: "Count the rows of queries instead of printing them.")
        var countOnly = false

        func validate() throws {
            guard (file == nil) != (command == nil) else { throw ValidationError("give either --file or --command") }
        }

        func run() async throws {
            let script: String
            if let command {
                script = command
            } else if file == "-" {
                script = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                guard let data = FileManager.default.contents(atPath: file!) else { throw ValidationError("cannot read \(file!)") }
                script = String(decoding: data, as: UTF8.self)
            }
            try await reportingExtractionErrors {
                let engine = try Engines.open(engine)
                let clock = ContinuousClock()
                for statement in SQLScript.statements(script) {
                    let start = clock.now
                    let keyword = SQLScript.firstKeyword(statement)
                    if ["SELECT", "WITH", "SHOW", "DESCRIBE", "VALUES", "EXPLAIN"].contains(keyword) {
                        var rows = 0
                        var header = false
                        try await engine.stream(statement) { batch in
                            rows += batch.count
                            guard !countOnly else { return }
                            var text = ""
                            if !header {
                                text += batch.columns.map(csvField).joined(separator: ",") + "\n"
                                header = true
                            }
                            for row in 0..<batch.count {
                                text += batch.row(row).map { $0.text.map(csvField) ?? "" }.joined(separator: ",") + "\n"
                            }
                            FileHandle.standardOutput.write(Data(text.utf8))
                        }
                        printError("\(rows) rows in \(start.duration(to: clock.now))")
                    } else {
                        try await engine.execute(statement)
                        printError("\(keyword.isEmpty ? "statement" : keyword) in \(start.duration(to: clock.now))")
                    }
                }
            }
        }

        func csvField(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
    }
}
