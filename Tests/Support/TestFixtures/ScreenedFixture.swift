import IndexCore

/// The screened-methodology set-up that the engine's, the outputs' and the application layer's
/// screening tests share (test support, not shipped): one methodology and one set of answers,
/// so that each suite checks its own layer against the same hand-computed case.
///
/// Three number fields `a`, `b`, `c`, each a leaf scored min–max (`x`, `y`, `z`) on a unit
/// scale, missing answers re-weighted, and units with data for less than 66 % of the indicators
/// screened out of the ranking. Four units: `u1` all 0; `u2` `a` and `b` 10 (2 of 3: kept);
/// `u3` only `a` 1000 (1 of 3, 33.3 %: screened out, so its 1000 is not the block's maximum);
/// `u4` all 20. Min–max over u1, u2, u4: `a` → 0, 0.5, 1; the index ranks u4, u2, u1.
public enum ScreenedFixture {
    /// The methodology's text; with `regions`, a text field `region` declared as the unit
    /// attribute `attributes: [region]`. The screening line is exactly
    /// `screening: {data_threshold: 66%}\n`, so a test can remove it for the unscreened case.
    public static func yaml(regions: Bool = false) -> String {
        """
        id: screened
        title: {vi: Chỉ số thử, en: Test index}
        scale: unit
        missing: reweight
        screening: {data_threshold: 66%}
        \(regions ? "attributes: [region]" : "")
        blocks:
          - {id: p, name: {vi: Tỉnh, en: Provinces}}
        fields:
        \(regions ? "  - {id: region, label: Region, type: text}" : "")
          - {id: a, label: A, type: number}
          - {id: b, label: B, type: number}
          - {id: c, label: C, type: number}
        index:
          id: index
          children:
            - {id: x, value: a, score: min_max}
            - {id: y, value: b, score: min_max}
            - {id: z, value: c, score: min_max}
        """
    }

    /// The methodology, loaded.
    public static func methodology(regions: Bool = false) throws -> Methodology {
        try MethodologyLoader.load(yaml: yaml(regions: regions), fileName: "screened.yaml")
    }

    /// The four units' answers, in id order.
    public static let units: [UnitAnswers] = [
        unit("u1", ["a": 0, "b": 0, "c": 0]),
        unit("u2", ["a": 10, "b": 10]),
        unit("u3", ["a": 1000]),
        unit("u4", ["a": 20, "b": 20, "c": 20]),
    ]

    /// The screening reason of `u3`, in each language.
    public static let u3Reason = LocalizedText(vi: "có dữ liệu 1/3 chỉ tiêu (33,3%), dưới ngưỡng sàng lọc 66%",
                                               en: "data for 1 of 3 indicators (33.3%), below the 66% screening threshold")

    static func unit(_ id: String, _ values: [String: Double]) -> UnitAnswers {
        UnitAnswers(unitID: id, name: "Unit \(id)", block: "p", values: values)
    }

    /// The same kind of set-up as files, for the application layer (files and workspaces): a
    /// methodology `m.yaml` with two leaves scored as is and the unit attribute `region`, a
    /// registry `units.yaml` and answers `data.csv`. Three units are in the north (u1, u2 by the
    /// registry, u3 by its own answer), u5 in the south; u4 (1 of 2 indicators, 50 %) is screened
    /// out. Index: u1 0.9, u5 0.8, u3 0.7, u2 0.5.
    public static let regionFiles = [
        ("m.yaml", """
            id: grouped
            title: Grouped
            scale: unit
            missing: reweight
            attributes: [region]
            screening: {data_threshold: 66%}
            blocks: [{id: p, name: P}]
            fields:
              - {id: a, label: A, type: number}
              - {id: b, label: B, type: number}
              - {id: region, label: Region, type: text}
            index:
              id: index
              children:
                - {id: x, value: a, score: as_is}
                - {id: y, value: b, score: as_is}
            """),
        ("units.yaml", "block: p\nunits:\n  - {id: u1, name: U1, attributes: {region: north}}\n  - {id: u2, name: U2, attributes: {region: north}}\n  - {id: u3, name: U3}\n  - {id: u4, name: U4}\n  - {id: u5, name: U5, attributes: {region: south}}\n"),
        ("data.csv", "id,block,region,a,b\nu1,p,,0.9,0.9\nu2,p,,0.5,0.5\nu3,p,north,0.7,0.7\nu4,p,,0.1,\nu5,p,,0.8,0.8\n"),
    ]
}
