import Testing
import Workbench

@Suite struct SQLScriptTests {
    @Test func splitsOnSemicolonsOutsideQuotesAndComments() {
        let script = """
            -- a step; with a semicolon in its comment
            CREATE TABLE "a;b" (x TEXT);

            INSERT INTO `a;b` VALUES ('it''s; fine'); /* a; block */ SELECT 1
            ;;
            """
        #expect(
            SQLScript.statements(script) == [
                "CREATE TABLE \"a;b\" (x TEXT)", "INSERT INTO `a;b` VALUES ('it''s; fine')", "SELECT 1",
            ])
        #expect(SQLScript.statements("  \n-- only a comment\n").isEmpty)
    }
}
