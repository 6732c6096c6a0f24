import Foundation

/// Where the embedded store lives: `--store PATH`, else `$HUBLOT_STORE`, else `./hublot.sqlite`.
public enum StoreLocation {
    public static let environmentVariable = "HUBLOT_STORE"
    public static let defaultPath = "hublot.sqlite"

    public static func resolve(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let path = environment[environmentVariable], !path.isEmpty { return path }
        return defaultPath
    }
}
