import Foundation
import SwiftProtobuf
import Testing

@testable import SparkConnect

@Suite struct SparkConnectProtocolTests {
    @Test func aSQLRelationIsField10HoldingTheQueryInField1() throws {
        var relation = Spark_Connect_Relation()
        relation.sql.query = "x"
        // Tag (10 << 3 | 2), length 3, then the SQL message: tag (1 << 3 | 2), length 1, "x".
        #expect([UInt8](try relation.serializedData()) == [0x52, 0x03, 0x0A, 0x01, 0x78])
    }

    @Test func anExecutePlanRequestRoundTrips() throws {
        var request = Spark_Connect_ExecutePlanRequest()
        request.sessionID = "00112233-4455-6677-8899-aabbccddeeff"
        request.userContext.userID = "hublot"
        request.clientType = "hublot"
        request.operationID = "ffeeddcc-bbaa-9988-7766-554433221100"
        request.plan.root.sql.query = "SELECT 'l''hôpital' AS name"
        let decoded = try Spark_Connect_ExecutePlanRequest(serializedBytes: try request.serializedData())
        #expect(decoded == request)
        #expect(decoded.plan.root.sql.query == "SELECT 'l''hôpital' AS name")
    }

    @Test func aResponseWithFieldsWeDoNotDeclareStillYieldsItsArrowBatch() throws {
        let arrow: [UInt8] = [1, 2, 3]
        var bytes: [UInt8] = []
        // session_id (1) = "s"
        bytes += [0x0A, 0x01, 0x73]
        // metrics (4), a message we leave out of our subset: skipped as unknown.
        bytes += [0x22, 0x02, 0x08, 0x01]
        // arrow_batch (2) = { row_count (1) = 2, data (2) = [1, 2, 3] }
        bytes += [0x12, 0x07, 0x08, 0x02, 0x12, 0x03] + arrow
        let response = try Spark_Connect_ExecutePlanResponse(serializedBytes: bytes)
        #expect(response.sessionID == "s")
        guard case .arrowBatch(let batch) = response.responseType else {
            Issue.record("no arrow batch in \(response)")
            return
        }
        #expect(batch.rowCount == 2)
        #expect([UInt8](batch.data) == arrow)
    }

    @Test func theSparkVersionAnswerIsField8() throws {
        // result spark_version (8) = { version (1) = "4.3.0" }
        let bytes: [UInt8] = [0x42, 0x07, 0x0A, 0x05] + Array("4.3.0".utf8)
        #expect(try Spark_Connect_AnalyzePlanResponse(serializedBytes: bytes).sparkVersion.version == "4.3.0")
    }
}
