extension RankingPolicy {
    /// Competition ranks of values as the methodology publishes them: each value rounded to
    /// ``decimals`` (half away from zero) first, so that values equal on paper share a place.
    /// Missing values (NaN) are unranked (0).
    ///
    /// The engine's own ranks come from `PublishedRanking`; this serves values formed after it,
    /// e.g. a successor unit's index combined from its predecessors'.
    public func ranks(_ values: [Double]) -> [Int] {
        guard let decimals else { return Ranking.competitionRanks(values) }
        return Ranking.competitionRanks(values.map { PublishedRounding.round($0, decimals: decimals) })
    }
}
