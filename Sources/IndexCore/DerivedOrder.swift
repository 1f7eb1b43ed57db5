/// The order in which derived values are computed, found without recursion: a methodology may
/// declare thousands of derived values, and a chain of them must not run the call stack out.
struct DerivedOrder {
    /// The longest chain of derived values each using the next (`a` uses `b` uses `c` …) that a
    /// methodology may declare. Longer chains are rejected when the methodology is loaded.
    static let maximumChain = 1_000

    /// Every derived value not on a cycle, each after the derived values it uses.
    private(set) var order: [DerivedValue] = []
    /// Each cycle found once, as the ids along it with the first repeated at the end (`a → b → a`).
    private(set) var cycles: [[String]] = []
    /// Per derived value not on a cycle, the length of the longest chain it starts (1 when it
    /// uses fields only).
    private(set) var chainLength: [String: Int] = [:]

    init(_ derived: [DerivedValue]) {
        let byID = Dictionary(derived.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        enum State { case visiting, done }
        var state: [String: State] = [:]
        var reported = Set<[String]>()
        for start in derived where state[start.id] == nil {
            // An explicit stack of (derived value, position in its list of references).
            var stack: [(value: DerivedValue, references: [String], next: Int)] = [(start, start.expression.references, 0)]
            state[start.id] = .visiting
            while !stack.isEmpty {
                let top = stack.count - 1
                if stack[top].next < stack[top].references.count {
                    let name = stack[top].references[stack[top].next]
                    stack[top].next += 1
                    guard let dependency = byID[name] else { continue } // a field
                    switch state[name] {
                    case .done?: continue
                    case .visiting?:
                        let path = stack.map(\.value.id)
                        let cycle = Array(path.drop { $0 != name }) + [name]
                        if reported.insert(Set(cycle).sorted()).inserted { cycles.append(cycle) }
                    case nil:
                        state[name] = .visiting
                        stack.append((dependency, dependency.expression.references, 0))
                    }
                } else {
                    let finished = stack.removeLast().value
                    state[finished.id] = .done
                    // A value whose dependencies include a cycle has no length; it is left out.
                    var length = 1
                    var complete = true
                    for name in finished.expression.references where byID[name] != nil {
                        if let dependencyLength = chainLength[name] { length = max(length, dependencyLength + 1) } else { complete = false }
                    }
                    if complete {
                        chainLength[finished.id] = length
                        order.append(finished)
                    }
                }
            }
        }
    }
}
