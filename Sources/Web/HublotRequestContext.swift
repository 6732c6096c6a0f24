import Core
import Foundation
import Hummingbird

/// The request context of every route: JSON as the CLI prints it (snake_case keys, ISO 8601 dates).
public struct HublotRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    public var responseEncoder: JSONEncoder { .hublot() }
}
