import Store
import Testing

@Suite struct StoreLocationTests {
    @Test func flagWinsOverEnvironmentWhichWinsOverDefault() {
        #expect(StoreLocation.resolve(flag: "a.sqlite", environment: ["HUBLOT_STORE": "b.sqlite"]) == "a.sqlite")
        #expect(StoreLocation.resolve(flag: nil, environment: ["HUBLOT_STORE": "b.sqlite"]) == "b.sqlite")
        #expect(StoreLocation.resolve(flag: nil, environment: [:]) == "hublot.sqlite")
        #expect(StoreLocation.resolve(flag: "", environment: [:]) == "hublot.sqlite")
    }
}
