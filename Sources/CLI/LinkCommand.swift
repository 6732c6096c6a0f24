import ArgumentParser
import Foundation
import Linkage
import Workbench

struct LinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Link records between databases, or deduplicate one, deterministically and with a Fellegi-Sunter model.",
        subcommands: [Population.self]
    )
}
