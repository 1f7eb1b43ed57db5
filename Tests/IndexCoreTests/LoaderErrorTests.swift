import Foundation
import IndexCore
import Testing

/// Each kind of mistake in a methodology file gives its own code, the right line, and every
/// problem of a file is reported at once.
@Suite("Methodology loader errors")
struct LoaderErrorTests {
    /// Every diagnostic of the loader carries a line (issue 11's fuzz suite asks it of all of them):
    /// a YAML reader error at its byte, problems of the whole file at the key they concern, an
    /// index that could not be read at its place.
    @Test(arguments: [
        // A control character the YAML reader refuses: line 3, where it is.
        ("id: x\ntitle: X\nnotes: a\u{1}b\n", [3]),
        // An empty file: line 1.
        ("", [1]),
        ("# only a comment\n", [1]),
        // No blocks: at the (empty) blocks list.
        ("id: x\ntitle: X\nblocks: []\nfields: []\nindex: {id: index, children: [{id: a, value: 1, score: as_is, weight: 1}]}\n", [3]),
        // An attribute that is not a field: at the attributes list.
        ("id: x\ntitle: X\nscale: unit\nattributes: [region]\nblocks: [{id: p, name: P}]\nfields: []\nindex: {id: index, children: [{id: a, value: 1, score: as_is}]}\n", [4]),
        // An index that is not a mapping: at the index, also for the empty group standing in for it.
        ("id: x\ntitle: X\nblocks: [{id: p, name: P}]\nfields: []\nindex: 5\n", [5, 5]),
    ])
    func everyDiagnosticHasALine(yaml: String, lines: [Int]) {
        let diagnostics = loadDiagnostics(yaml, fileName: "lines.yaml")
        #expect(diagnostics.map { $0.location?.line ?? -1 } == lines, "\(diagnostics)")
        #expect(diagnostics.allSatisfy { $0.location?.file == "lines.yaml" })
    }

    /// A points-scale methodology with the given derived values and children of the root.
    func methodology(top: String = "", derived: String = "", children: String, scale: String = "points") -> String {
        """
        id: errors
        title: Errors
        scale: \(scale)
        \(top)
        blocks:
          - id: p
            name: Provinces
          - id: m
            name: Ministries
        fields:
          - id: staff_total
            label: Staff
            type: count
          - id: staff_pc
            label: Staff with a computer
            type: count
          - id: has_dc
            label: Data centre
            type: boolean
          - id: remarks
            label: Remarks
            type: text
        derived:
          - id: share
            value: staff_pc / staff_total
        \(derived)
        index:
          id: index
          children:
        \(children)
        """
    }

    /// Expects exactly one diagnostic with `code`, on the line containing `marker`.
    func expectSingle(_ yaml: String, _ code: Diagnostic.Code, at marker: String, contains text: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let diagnostics = loadDiagnostics(yaml)
        #expect(diagnostics.map(\.code) == [code], "\(diagnostics)", sourceLocation: sourceLocation)
        guard let diagnostic = diagnostics.first else { return }
        #expect(diagnostic.location?.file == "test.yaml", sourceLocation: sourceLocation)
        #expect(diagnostic.location?.line != nil && diagnostic.location?.line == line(of: marker, in: yaml), "\(diagnostic)", sourceLocation: sourceLocation)
        if let text {
            #expect(diagnostic.message.contains(text), "\(diagnostic.message)", sourceLocation: sourceLocation)
        }
    }

    @Test("the base methodology used below loads")
    func baseLoads() throws {
        let m = try loadMethodology(methodology(children: "    - {id: x, weight: 10, value: share, score: ratio}"))
        #expect(m.id == "errors")
        #expect(m.family == "errors")
        #expect(m.scale == .points)
        #expect(m.missing == .zero)
        #expect(m.blocks.map(\.id) == ["p", "m"])
        #expect(m.fields.map(\.id) == ["staff_total", "staff_pc", "has_dc", "remarks"])
        #expect(m.fields[0].minimum == 0)
        #expect(m.node("x")?.weight == 10)
    }

    @Test("unknown field in an expression, with a 'did you mean' suggestion")
    func unknownField() {
        let yaml = methodology(children: """
            - id: x
              weight: 10
              value: staff_pc / staf_total
              score: ratio
        """)
        expectSingle(yaml, .unknownField, at: "- id: x", contains: "unknown field 'staf_total'; did you mean 'staff_total'")
    }

    @Test("unknown field in a derived value points at its expression")
    func unknownFieldInDerived() {
        let yaml = methodology(derived: """
          - id: pcs
            value: staff_pcs * 2
        """, children: "    - {id: x, weight: 10, value: pcs, score: ratio}")
        expectSingle(yaml, .unknownField, at: "value: staff_pcs * 2", contains: "uses unknown field 'staff_pcs'; did you mean")
        #expect(loadDiagnostics(yaml).first?.message.contains("'staff_pc'") == true)
    }

    @Test("a cycle among derived values")
    func cycle() {
        let yaml = methodology(derived: """
          - id: first
            value: second + 1
          - id: second
            value: first * 2
        """, children: "    - {id: x, weight: 10, value: first, score: ratio}")
        expectSingle(yaml, .cycle, at: "value: second + 1", contains: "first → second → first")
    }

    @Test("a derived value that refers to itself")
    func selfCycle() {
        let yaml = methodology(derived: """
          - id: loop
            value: loop + 1
        """, children: "    - {id: x, weight: 10, value: loop, score: ratio}")
        expectSingle(yaml, .cycle, at: "value: loop + 1", contains: "loop → loop")
    }

    @Test("a duplicate node id names the first declaration")
    func duplicateNode() {
        let yaml = methodology(children: """
            - {id: x, weight: 10, value: share, score: ratio}
            - {id: x, weight: 5, value: has_dc, score: yes_no}
        """)
        expectSingle(yaml, .duplicateID, at: "weight: 5", contains: "duplicate node id 'x' (first declared at line \(line(of: "weight: 10", in: yaml)!))")
    }

    @Test("a derived value with the id of a field is a duplicate")
    func duplicateFieldAndDerived() {
        let yaml = methodology(derived: """
          - id: staff_pc
            value: staff_total
        """, children: "    - {id: x, weight: 10, value: share, score: ratio}")
        let diagnostics = loadDiagnostics(yaml)
        #expect(diagnostics.contains { $0.code == .duplicateID && $0.location?.line == line(of: "value: staff_total", in: yaml) })
    }

    @Test("a duplicate block id points at the second block")
    func duplicateBlock() {
        let yaml = """
        id: dup
        title: Duplicate block
        blocks:
          - {id: p, name: Provinces}
          - {id: p, name: Provinces again}
        fields:
          - {id: a, label: A, type: number}
        index:
          id: index
          children:
            - {id: x, weight: 1, value: a, score: ratio}
        """
        expectSingle(yaml, .duplicateID, at: "Provinces again", contains: "duplicate block id 'p'")
    }

    @Test("an unknown scoring rule suggests the closest")
    func unknownRule() {
        let yaml = methodology(children: """
            - id: x
              weight: 10
              value: share
              score: ratoi
        """)
        expectSingle(yaml, .unknownRule, at: "score: ratoi", contains: "did you mean 'ratio'")
        let mapped = methodology(children: """
            - id: x
              weight: 10
              value: share
              score:
                rule: goalpst
                low: 0
                high: 1
        """)
        expectSingle(mapped, .unknownRule, at: "rule: goalpst", contains: "did you mean 'goalpost'")
    }

    @Test("a leaf without a weight on a points scale")
    func missingWeight() {
        let yaml = methodology(children: """
            - {id: x, weight: 10, value: share, score: ratio}
            - id: y
              value: has_dc
              score: yes_no
        """)
        // reported once per block (p and m)
        let diagnostics = loadDiagnostics(yaml)
        #expect(diagnostics.map(\.code) == [.missingWeight, .missingWeight])
        #expect(diagnostics.allSatisfy { $0.location?.line == line(of: "- id: y", in: yaml) })
        #expect(diagnostics.map(\.message).sorted() == [
            "leaf 'y' has no weight (its maximum points) in block 'm'",
            "leaf 'y' has no weight (its maximum points) in block 'p'",
        ])
    }

    @Test("no weight is needed on a unit scale")
    func unitScaleNeedsNoWeight() throws {
        let m = try loadMethodology(methodology(children: "    - {id: y, value: has_dc, score: yes_no}", scale: "unit"))
        #expect(m.node("y")?.weight == nil)
    }

    @Test("a group whose declared weight differs from its children's points")
    func weightMismatch() {
        let yaml = methodology(children: """
            - id: infra
              weight: 50
              blocks: [p]
              children:
                - {id: x, weight: 20, value: share, score: ratio}
                - {id: y, weight: 20, value: has_dc, score: yes_no}
            - {id: w, weight: 5, value: share, score: ratio}
        """)
        expectSingle(yaml, .weightMismatch, at: "- id: infra", contains: "group 'infra' has weight 50 in block 'p' but its children's points add up to 40")
    }

    @Test("by_block weights are checked per block")
    func weightMismatchByBlock() {
        let yaml = methodology(children: """
            - id: infra
              weight: 40
              by_block:
                m: {weight: 30}
              children:
                - {id: x, weight: 20, value: share, score: ratio}
                - {id: y, weight: 20, value: has_dc, score: yes_no}
        """)
        expectSingle(yaml, .weightMismatch, at: "- id: infra", contains: "in block 'm'")
    }

    @Test("type mismatch: a text field in arithmetic")
    func textInArithmetic() {
        let yaml = methodology(children: """
            - id: x
              weight: 10
              value: remarks + 1
              score: ratio
        """)
        expectSingle(yaml, .typeMismatch, at: "- id: x", contains: "'remarks' is free text")
    }

    @Test("type mismatch: a number used with 'and'")
    func numberWithAnd() {
        let yaml = methodology(children: """
            - id: x
              weight: 10
              value: if(staff_total and has_dc, 1, 0)
              score: yes_no
        """)
        expectSingle(yaml, .typeMismatch, at: "- id: x", contains: "'and' needs yes/no operands, but 'staff_total' is a number")
    }

    @Test("type mismatch: a constraint that is not a yes/no condition")
    func constraintNotBoolean() {
        let yaml = methodology(top: """
        constraints:
          - id: pc_le_total
            check: staff_total - staff_pc
        """, children: "    - {id: x, weight: 10, value: share, score: ratio}")
        expectSingle(yaml, .typeMismatch, at: "check: staff_total - staff_pc", contains: "must be a yes/no condition")
    }

    @Test("an unknown key, with the closest allowed key")
    func unknownKey() {
        let yaml = methodology(children: """
            - id: x
              wieght: 10
              value: share
              score: ratio
        """, scale: "unit")
        expectSingle(yaml, .unknownKey, at: "wieght: 10", contains: "unknown key 'wieght' in node under 'index'; did you mean 'weight'?")
        let top = methodology(top: "rankng: {decimals: 3}", children: "    - {id: x, weight: 10, value: share, score: ratio}")
        expectSingle(top, .unknownKey, at: "rankng:", contains: "did you mean 'ranking'")
    }

    @Test("an unknown block in a node's blocks and in by_block")
    func unknownBlock() {
        let yaml = methodology(children: """
            - {id: x, weight: 10, value: share, score: ratio}
            - id: y
              weight: 5
              value: has_dc
              score: yes_no
              blocks: [p, agencies]
        """)
        expectSingle(yaml, .unknownBlock, at: "- id: y", contains: "node 'y' names unknown block 'agencies'")
        let byBlock = methodology(children: """
            - id: y
              weight: 5
              value: has_dc
              score: yes_no
              by_block:
                agencies: {weight: 3}
        """)
        expectSingle(byBlock, .unknownBlock, at: "- id: y", contains: "node 'y' by_block names unknown block 'agencies'")
    }

    @Test("a field used by a node in a block that does not answer it")
    func fieldOutsideBlock() {
        let yaml = """
        id: scope
        title: Scope
        scale: unit
        blocks:
          - {id: p, name: Provinces}
          - {id: m, name: Ministries}
        fields:
          - {id: a, label: A, type: number, blocks: [m]}
        index:
          id: index
          children:
            - id: x
              value: a
              score: ratio
        """
        expectSingle(yaml, .unknownField, at: "- id: x", contains: "in block 'p', but that block does not answer it")
    }

    @Test("a YAML syntax error with its line")
    func yamlSyntax() {
        let yaml = """
        id: broken
        title: Broken
        blocks:
          - {id: p, name: Provinces
        fields: []
        index: {id: index}
        """
        let diagnostics = loadDiagnostics(yaml)
        #expect(diagnostics.map(\.code) == [.syntax])
        #expect(diagnostics.first?.message.hasPrefix("YAML syntax error") == true)
        // the flow mapping opened on line 4 is never closed; the parser notices on line 5
        #expect(diagnostics.first?.location?.line == 5)
        let tabs = "id: t\ntitle: T\n\tblocks: []\n"
        let tabDiagnostics = loadDiagnostics(tabs)
        #expect(tabDiagnostics.map(\.code) == [.syntax])
        #expect(tabDiagnostics.first?.location?.line == 3)
    }

    @Test("a syntax error inside an expression points at the column in the file")
    func expressionSyntax() {
        let yaml = methodology(children: """
            - id: x
              weight: 10
              value: staff_pc / / staff_total
              score: ratio
        """)
        let diagnostics = loadDiagnostics(yaml)
        #expect(diagnostics.map(\.code) == [.syntax])
        let lineNumber = line(of: "value: staff_pc / /", in: yaml)!
        let lineText = yaml.components(separatedBy: "\n")[lineNumber - 1]
        // the second '/' is the unexpected token; columns are 1-based
        let column = lineText.distance(from: lineText.startIndex, to: lineText.range(of: "/ staff_total")!.lowerBound) + 1
        #expect(diagnostics.first?.location?.line == lineNumber)
        #expect(diagnostics.first?.location?.column == column)
    }

    @Test("an unknown function is reported as such, at its column")
    func unknownFunction() {
        let yaml = methodology(children: """
            - id: x
              weight: 10
              value: mean(staff_pc, staff_total)
              score: ratio
        """)
        expectSingle(yaml, .unknownFunction, at: "value: mean(", contains: "unknown function 'mean'")
        let diagnostic = loadDiagnostics(yaml).first
        let lineText = yaml.components(separatedBy: "\n")[line(of: "value: mean(", in: yaml)! - 1]
        let column = lineText.distance(from: lineText.startIndex, to: lineText.range(of: "mean(")!.lowerBound) + 1
        #expect(diagnostic?.location?.column == column)
    }

    @Test("an empty file and a file that is not a mapping")
    func emptyAndNotMapping() {
        #expect(loadDiagnostics("").map(\.code) == [.syntax])
        #expect(loadDiagnostics("- a\n- b\n").map(\.code) == [.invalidValue])
    }

    @Test("missing required keys are named")
    func missingKeys() {
        let diagnostics = loadDiagnostics("id: t\ntitle: T\n")
        #expect(Set(diagnostics.map(\.code)) == [.missingKey])
        let messages = diagnostics.map(\.message).joined(separator: "\n")
        #expect(messages.contains("needs the key 'blocks'"))
        #expect(messages.contains("needs the key 'fields'"))
        #expect(messages.contains("needs the key 'index'"))
    }

    @Test("rule parameters are checked")
    func ruleParameters() {
        func codes(_ score: String) -> [Diagnostic.Code] {
            loadDiagnostics(singleLeafYAML(score: score)).map(\.code)
        }
        #expect(codes("{rule: goalpost, low: 0}") == [.missingKey])
        #expect(codes("{rule: goalpost, low: 1, high: 1}") == [.invalidValue])
        #expect(codes("{rule: capped_count}") == [.missingKey])
        #expect(codes("{rule: capped_count, cap: 0}") == [.invalidValue])
        #expect(codes("{rule: steps, steps: []}") == [.missingKey])
        #expect(codes("{rule: steps, steps: [{at_most: 1, score: 1}]}") == [.invalidValue, .missingKey])
        #expect(codes("{rule: steps, steps: [{at_least: 1, score: 2}]}") == [.outOfRange])
        #expect(codes("{rule: steps, steps: [{at_least: 1}]}") == [.missingKey])
        #expect(codes("{rule: z_score, sd: both}") == [.invalidValue])
        #expect(codes("{rule: ratio, direction: up}") == [.invalidValue])
        #expect(codes("{rule: ratio, cap: 3, colour: red}") == [.unknownKey])
        #expect(codes("{rule: as_is, clamp: maybe}") == [.invalidValue])
        // step points above the weight (here 10) on a points scale
        #expect(loadDiagnostics(singleLeafYAML(score: "{rule: steps, steps: [{at_least: 1, points: 12}]}", weight: "10", scale: "points")).map(\.code) == [.outOfRange])
        // step points on a unit scale need a weight to divide by
        #expect(loadDiagnostics(singleLeafYAML(score: "{rule: steps, steps: [{at_least: 1, points: 2}]}", weight: nil)).map(\.code) == [.missingWeight])
    }

    @Test("structural mistakes in nodes and fields")
    func structure() {
        let leafAndGroup = methodology(children: """
            - id: g
              value: share
              children:
                - {id: x, weight: 10, value: share, score: ratio}
        """)
        #expect(loadDiagnostics(leafAndGroup).map(\.code) == [.invalidValue])
        let leafWithoutScore = methodology(children: "    - {id: x, weight: 10, value: share}")
        #expect(loadDiagnostics(leafWithoutScore).map(\.code) == [.missingKey])
        let badID = methodology(children: "    - {id: 1x, weight: 10, value: share, score: ratio}\n    - {id: y, weight: 5, value: share, score: ratio}")
        #expect(loadDiagnostics(badID).map(\.code) == [.invalidValue])
        let badType = """
        id: t
        title: T
        blocks: [{id: p, name: P}]
        fields:
          - {id: a, label: A, type: integer}
          - {id: b, label: B, type: choice}
          - {id: c, label: C, type: number, min: 5, max: 1}
        index:
          id: index
          children:
            - {id: x, weight: 1, value: a + c, score: ratio}
        """
        #expect(loadDiagnostics(badType).map(\.code) == [.invalidValue, .missingKey, .invalidValue])
    }

    @Test("a file with several problems reports all of them in one error")
    func severalProblems() {
        let yaml = methodology(derived: """
          - id: loop
            value: loop + 1
        """, children: """
            - id: x
              weight: 10
              value: staff_pc / staf_total
              score: ratio
            - id: x
              weight: 10
              value: share
              score: ratoi
            - id: z
              wieght: 10
              value: remarks * 2
              score: ratio
              blocks: [p, agencies]
        """)
        let diagnostics = loadDiagnostics(yaml)
        let codes = Set(diagnostics.map(\.code))
        #expect(codes == [.cycle, .unknownField, .duplicateID, .unknownRule, .unknownKey, .typeMismatch, .unknownBlock, .missingWeight])
        #expect(diagnostics.allSatisfy { $0.location?.file == "test.yaml" && $0.location?.line != nil })
        // sorted by kind, each at its own line
        func lineOf(_ code: Diagnostic.Code) -> Int? { diagnostics.first { $0.code == code }?.location?.line }
        #expect(lineOf(.cycle) == line(of: "value: loop + 1", in: yaml))
        #expect(lineOf(.unknownRule) == line(of: "score: ratoi", in: yaml))
        #expect(lineOf(.unknownKey) == line(of: "wieght: 10", in: yaml))
        #expect(lineOf(.unknownBlock) == line(of: "- id: z", in: yaml))
        #expect(lineOf(.typeMismatch) == line(of: "- id: z", in: yaml))
        // the error's description lists every problem
        let error = DiagnosticError(diagnostics)
        #expect(error.description.hasPrefix("\(diagnostics.count) problems:"))
        #expect(error.description.contains("test.yaml:\(lineOf(.unknownRule)!):"))
    }

    @Test("diagnostics print as file:line:column: message [code]")
    func diagnosticDescription() {
        let diagnostic = Diagnostic(.unknownField, .unknownSurveyField("x", suggestions: []), at: IndexCore.SourceLocation(file: "a.yaml", line: 3, column: 7))
        #expect(diagnostic.description == "a.yaml:3:7: unknown field 'x' [unknown-field]")
        let cell = IndexCore.SourceLocation(file: "d.csv", line: 2, column: 4, detail: "column staff")
        #expect(cell.description == "d.csv:2:4 (column staff)")
        #expect(Diagnostic(.cycle, .derivedCycle(["a", "b", "a"])).description == "derived values refer to each other in a cycle: a → b → a [cycle]")
        #expect(Diagnostic(.cycle, .derivedCycle(["a", "b", "a"])).description(in: .vi) == "các giá trị dẫn xuất tham chiếu lẫn nhau thành vòng: a → b → a [cycle]")
    }
}
