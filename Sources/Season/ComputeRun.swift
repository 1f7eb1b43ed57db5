import Foundation
import IndexCore
import Reports

/// What to compute: one period's inputs, optionally only some blocks, optionally seen as the
/// units valid on a later date.
public struct ComputeRequest: Sendable {
    /// The period to compute (the only one of the data, or the one asked for).
    public var inputs: InputRequest
    /// Only these blocks; empty: every block.
    public var blocks: [String]
    /// Show the results as the units valid on this date, combining predecessors by lineage.
    public var asOf: Day?
    /// How predecessors combine with `asOf` (default: the registry's rule).
    public var lineageRule: LineageRule?
    /// The unit registry for `asOf` without a workspace (file, folder or bundled folder; `nil`:
    /// the bundled registry).
    public var registry: String?
    /// Only the units of one group under a unit attribute (`--group region=north`), each with its
    /// rank in the block and in the group; `nil`: every unit.
    public var group: RankingTable.GroupFilter?

    /// A request for every block, as computed (no lineage view).
    public init(inputs: InputRequest, blocks: [String] = [], asOf: Day? = nil, lineageRule: LineageRule? = nil, registry: String? = nil, group: RankingTable.GroupFilter? = nil) {
        self.inputs = inputs
        self.blocks = blocks
        self.asOf = asOf
        self.lineageRule = lineageRule
        self.registry = registry
        self.group = group
    }
}

/// A computed period: the engine's result and the ranking table to show.
public struct ComputedPeriod: Sendable {
    /// The inputs the period was computed from.
    public var inputs: PeriodInputs
    /// Every block's scores and ranks, as the engine gives them.
    public var result: IndexResult
    /// What to show: the blocks asked for, or the units valid on the `asOf` date. Made when
    /// asked, for the blocks asked for (a table of every unit's 237 components would take 7.6 KiB
    /// a unit, 760 MB for 100,000 units: ``writeCSV(chunkSize:_:)`` writes without it).
    public var table: RankingTable {
        get { shown ?? RankingTable(result, blocks: blocks) }
        set { shown = newValue }
    }
    /// The table when it is not the plain ranking of the blocks asked for (a lineage view, a group).
    private var shown: RankingTable?
    /// The blocks asked for; `nil`: every block.
    private let blocks: [String]?
    /// The run's id when it was stored in a workspace.
    public var runID: Int64?
    /// Whether the computation came from a workspace opened read-only, so it was not stored.
    public var notRecorded: Bool { inputs.workspace?.isReadOnly == true }

    init(inputs: PeriodInputs, result: IndexResult, blocks: [String]?, shown: RankingTable?, runID: Int64?) {
        self.inputs = inputs
        self.result = result
        self.blocks = blocks
        self.shown = shown
        self.runID = runID
    }

    /// ``table`` as CSV (`ResultFormatter.csv()`), handed to `write` in pieces of about
    /// `chunkSize` bytes each ending at a line end; for the plain ranking written straight from
    /// the engine's result, byte for byte the same.
    public func writeCSV(chunkSize: Int = 1 << 16, _ write: (String) throws -> Void) rethrows {
        if let shown {
            try ResultFormatter(shown).writeCSV(chunkSize: chunkSize, write)
        } else {
            try ResultFormatter.writeCSV(result, blocks: blocks, chunkSize: chunkSize, write)
        }
    }
}

extension SeasonService {
    /// Computes the index of every unit and ranks them within their blocks. In a workspace, the
    /// run is stored with the hash of its inputs, for provenance (unless the workspace could only
    /// be opened read-only: see ``ComputedPeriod/notRecorded``).
    public func compute(_ request: ComputeRequest) async throws(SeasonError) -> ComputedPeriod {
        let inputs = try await loadPeriodInColumns(request.inputs)
        let methodology = inputs.methodology
        for id in request.blocks where methodology.block(id) == nil {
            throw .usage(.unknownBlockInMethodology(id, blocks: methodology.blocks.map(\.id)))
        }
        let result = try inputs.compute()
        var runID: Int64?
        if let workspace = inputs.workspace, !workspace.isReadOnly, let content = inputs.methodologyContent {
            runID = try SeasonError.capture {
                try workspace.store.recordRun(result, methodologyHash: try workspace.store.storeMethodology(methodology, content: content))
            }
        }
        let blocks = request.blocks.isEmpty ? nil : request.blocks
        var shown: RankingTable?
        if let day = request.asOf {
            let units = try registry(workspace: inputs.workspace, path: request.registry)
            shown = RankingTable(result, mappedTo: day, registry: units, rule: request.lineageRule, blocks: blocks)
        }
        if let group = request.group {
            // The whole block is computed and ranked (and recorded) as always; only the rows shown change.
            guard request.asOf == nil else { throw .usage(.groupWithAsOf) }
            guard methodology.attributes.contains(group.attribute) else { throw .usage(.groupAttributeUnknown(group.attribute, declared: methodology.attributes)) }
            let table = RankingTable(result, blocks: blocks)
            let groups = table.groups(of: group.attribute)
            guard groups.contains(group.value) else { throw .usage(.groupHasNoUnits(attribute: group.attribute, value: group.value, groups: groups)) }
            shown = table.restricted(to: group)
        }
        return ComputedPeriod(inputs: inputs, result: result, blocks: blocks, shown: shown, runID: runID)
    }
}
