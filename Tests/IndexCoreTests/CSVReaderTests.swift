import Foundation
import IndexCore
import Intake
import Testing

@Suite("CSV reader")
struct CSVReaderTests {
    func rows(_ text: String, delimiter: Character = ",") throws -> [CSVReader.Row] {
        try CSVReader(delimiter: delimiter).rows(text, fileName: "t.csv")
    }

    @Test("plain rows keep their line numbers")
    func plain() throws {
        let result = try rows("a,b,c\n1,2,3\n")
        #expect(result.map(\.line) == [1, 2])
        #expect(result.map(\.fields) == [["a", "b", "c"], ["1", "2", "3"]])
    }

    @Test("quoted fields: delimiters, doubled quotes, line breaks")
    func quoted() throws {
        let result = try rows(#""x, y","he said ""hi""",z"# + "\n")
        #expect(result.map(\.fields) == [["x, y", #"he said "hi""#, "z"]])
        // a field over two lines: the next row starts on line 4
        let multi = try rows("id,note\n1,\"line one\nline two\"\n2,ok\n")
        #expect(multi.map(\.line) == [1, 2, 4])
        #expect(multi[1].fields == ["1", "line one\nline two"])
        #expect(multi[2].fields == ["2", "ok"])
        // an empty quoted field
        #expect(try rows("a,\"\",c").map(\.fields) == [["a", "", "c"]])
    }

    @Test("CRLF and CR line ends, a byte-order mark, no final line break")
    func lineEnds() throws {
        let crlf = try rows("a,b\r\n1,2\r\n")
        #expect(crlf.map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(crlf.map(\.line) == [1, 2])
        #expect(try rows("a\rb").map(\.line) == [1, 2])
        let bom = try rows("\u{FEFF}id,x\n1,2")
        #expect(bom.map(\.fields) == [["id", "x"], ["1", "2"]])
        // a quoted CRLF inside a field counts as a line
        let inner = try rows("\"x\r\ny\",z\r\n1,2")
        #expect(inner.map(\.line) == [1, 3])
        #expect(inner[0].fields == ["x\r\ny", "z"])
    }

    @Test("blank lines are skipped; empty and trailing fields are kept")
    func blanks() throws {
        let result = try rows("a\n\n1\n")
        #expect(result.map(\.line) == [1, 3])
        #expect(try rows("a,,c\nx,y,\n").map(\.fields) == [["a", "", "c"], ["x", "y", ""]])
    }

    @Test("another delimiter")
    func semicolon() throws {
        #expect(try rows("a;b\n1,5;2\n", delimiter: ";").map(\.fields) == [["a", "b"], ["1,5", "2"]])
    }

    @Test("an unterminated quote is a syntax error on the line it opened")
    func unterminated() {
        let error = #expect(throws: DiagnosticError.self) { try rows("a,b\n1,\"open\n2,3\n") }
        #expect(error?.diagnostics.map(\.code) == [.syntax])
        #expect(error?.diagnostics.first?.location?.line == 2)
        #expect(error?.diagnostics.first?.location?.file == "t.csv")
    }
}
