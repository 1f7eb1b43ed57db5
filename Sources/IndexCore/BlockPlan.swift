/// A methodology compiled for one block: the fields the block answers, derived values in
/// dependency order, and the indicator tree flattened children-first with resolved weights,
/// rules and missing-data policies.
///
/// A plan is a value: change ``PlanNode/weight`` or ``PlanNode/aggregation`` on a copy and
/// compute again to explore alternatives cheaply (see ``Engine/aggregate(_:data:leaves:)``).
public struct BlockPlan: Sendable {
    /// The methodology compiled.
    public let methodology: Methodology
    /// The block the plan is for.
    public let block: Block
    /// Column names: every numeric field, then every derived value.
    public let columns: [String]
    /// How many of ``columns`` are fields (the rest are derived values).
    public let fieldCount: Int
    let derived: [(column: Int, expression: CompiledExpression)]
    /// The nodes of the tree that apply to the block, children before parents; the root is last.
    public var nodes: [PlanNode]

    /// The root's position in ``nodes``: the last, since children come before parents.
    public var rootIndex: Int { nodes.count - 1 }
    /// The root node: the index itself.
    public var root: PlanNode { nodes[rootIndex] }

    /// The position of the node with the given id.
    public func index(of nodeID: String) -> Int? { nodes.firstIndex { $0.id == nodeID } }

    /// Every node except the root, in tree (pre-)order: each parent before its children, and
    /// children in the order the methodology declares them.
    public var descendantsInTreeOrder: [Int] {
        var order: [Int] = []
        func walk(_ index: Int) {
            for child in nodes[index].children {
                order.append(child)
                walk(child)
            }
        }
        walk(rootIndex)
        return order
    }

    /// Indices of the leaves.
    public var leafIndices: [Int] { nodes.indices.filter { nodes[$0].isLeaf } }

    /// Compiles `methodology` for the block `blockID`.
    ///
    /// The methodology must have been validated by ``MethodologyLoader``; a plan is only built
    /// from a consistent model.
    public init(methodology: Methodology, block blockID: String) throws {
        guard let block = methodology.block(blockID) else {
            throw DiagnosticError([Diagnostic(.unknownBlock, .methodologyHasNoBlock(methodology.id, block: blockID, blocks: methodology.blocks.map(\.id)))])
        }
        self.methodology = methodology
        self.block = block
        let numericFields = methodology.fields.filter { $0.type != .text }.map(\.id)
        fieldCount = numericFields.count
        let derivedOrder = Self.dependencyOrder(methodology.derived)
        let columns = numericFields + derivedOrder.map(\.id)
        self.columns = columns
        let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        let resolve: (String) -> Int = { columnIndex[$0]! }
        derived = derivedOrder.map { (columnIndex[$0.id]!, CompiledExpression($0.expression, columnOf: resolve)) }

        var nodes: [PlanNode] = []
        let isPoints = methodology.scale == .points
        @discardableResult
        func add(_ node: IndicatorNode, parentPolicy: MissingPolicy, parentTreatment: Treatment?, parentImputation: (Imputation, String?)?,
                 parentZeroScores: ZeroScorePolicy, parentThreshold: Double?, depth: Int) -> Int {
            let policy = node.missing ?? parentPolicy
            let treatment = node.treatment ?? parentTreatment
            let imputation = node.imputation.map { ($0, node.imputationGroup) } ?? parentImputation
            let zeroScores = node.zeroScores ?? parentZeroScores
            let threshold = node.dataThreshold ?? parentThreshold
            let childIndices = node.children.filter { $0.applies(to: blockID) }.map {
                add($0, parentPolicy: policy, parentTreatment: treatment, parentImputation: imputation,
                    parentZeroScores: zeroScores, parentThreshold: threshold, depth: depth + 1)
            }
            // On a unit scale every node, leaves included, is reported on 0–1.
            let maxPoints: Double
            if !isPoints {
                maxPoints = 1
            } else if node.isLeaf {
                maxPoints = node.weight(in: blockID) ?? 1
            } else {
                maxPoints = childIndices.reduce(0) { $0 + nodes[$1].maxPoints }
            }
            let expression = node.value(in: blockID).map { CompiledExpression($0, columnOf: resolve) }
            nodes.append(PlanNode(
                id: node.id,
                label: node.label,
                description: node.description,
                provenance: node.provenance,
                location: node.location,
                children: childIndices,
                depth: depth,
                value: node.value(in: blockID),
                expression: expression,
                scoring: node.scoring(in: blockID),
                weight: isPoints ? maxPoints : (node.weight(in: blockID) ?? 1),
                maxPoints: maxPoints,
                aggregation: node.aggregation,
                rescale: node.rescale,
                missing: policy,
                zeroWhen: node.zeroWhen,
                zeroCondition: node.zeroWhen.map { CompiledExpression($0, columnOf: resolve) },
                treatment: node.isLeaf && treatment?.isIdentity == false ? treatment : nil,
                imputation: node.isLeaf ? imputation?.0 ?? .none : .none,
                imputationGroup: node.isLeaf ? imputation?.1 : nil,
                zeroScores: zeroScores,
                dataThreshold: node.isLeaf ? nil : threshold
            ))
            let index = nodes.count - 1
            for child in childIndices { nodes[child].parent = index }
            return index
        }
        add(methodology.root, parentPolicy: methodology.missing, parentTreatment: methodology.treatment,
            parentImputation: methodology.imputation.map { ($0, methodology.imputationGroup) },
            parentZeroScores: methodology.zeroScores ?? .error, parentThreshold: methodology.dataThreshold, depth: 0)
        self.nodes = nodes
    }

    /// Derived values ordered so each comes after the ones it uses (the loader has rejected cycles).
    static func dependencyOrder(_ derived: [DerivedValue]) -> [DerivedValue] {
        DerivedOrder(derived).order
    }
}

/// One node of a ``BlockPlan``.
public struct PlanNode: Sendable {
    /// The node's id in the methodology.
    public let id: String
    /// The node's name.
    public let label: LocalizedText
    /// What the node measures, when the methodology says.
    public let description: LocalizedText?
    /// Whether the node follows the published text or was reconstructed.
    public let provenance: Provenance?
    /// Where the node is declared in the methodology file.
    public let location: SourceLocation?
    /// The parent's index in ``BlockPlan/nodes``; `nil` for the root.
    public internal(set) var parent: Int?
    /// The children's positions in ``BlockPlan/nodes``, in the methodology's order (all before this
    /// node); empty for leaves.
    public let children: [Int]
    /// 0 for the root.
    public let depth: Int
    /// The expression giving a leaf's raw value.
    public let value: Expression?
    let expression: CompiledExpression?
    /// For leaves, the effective scoring rule in this block (the block's override, else the
    /// node's); `nil` for groups.
    public var scoring: Scoring?
    /// The weight within the parent (for points scales, the maximum points).
    public var weight: Double
    /// The maximum points (points scale) or 1.
    public let maxPoints: Double
    /// For groups, how the children's scores are combined.
    public var aggregation: Aggregation
    /// The rescale applied to the node's scores after aggregation, if any.
    public var rescale: Rescale?
    /// The effective missing-data policy.
    public var missing: MissingPolicy
    /// The condition under which the node scores 0 (`zero_when:`), if any.
    public let zeroWhen: Expression?
    let zeroCondition: CompiledExpression?
    /// For leaves, the effective treatment of raw values before scoring (`treatment:`, inherited);
    /// `nil` when none.
    public var treatment: Treatment?
    /// For leaves, the effective imputation of missing raw values (`impute:`, inherited).
    public var imputation: Imputation
    /// For group imputation, the unit attribute grouping units.
    public var imputationGroup: String?
    /// What a geometric, harmonic or power mean of this group does with a score of 0
    /// (`zero_scores:`, inherited; default ``ZeroScorePolicy/error``).
    public var zeroScores: ZeroScorePolicy = .error
    /// For groups, the share of children a unit needs scores for (`data_threshold:`, inherited).
    public var dataThreshold: Double? = nil

    /// Whether the node scores a raw value itself (no children in this block).
    public var isLeaf: Bool { children.isEmpty }
}
