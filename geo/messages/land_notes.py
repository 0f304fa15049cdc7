"""What the land analysis and the batch run say (geo/land/, geo/batch.py): why a parcel is 低效用地,
the grant-contract verdicts and promises, the parcel join's notes, the 盘活 log's details and the
yearly run's notes and summary, key -> (中文, English). Their errors are in
:mod:`geo.messages.sources` (``land.*``) and :mod:`geo.messages.evaluation`."""

PARCELS: dict[str, tuple[str, str]] = {
    # reasons a parcel is 低效用地 (geo/land/parcels.py REASONS: rule key -> label); in English each in
    # sentence case, as a table cell or a list item reads them ("FAR below …; Idle land")
    "land.reason.class_d": ("企业评价为 D 类", "Enterprise in class D"),
    "land.reason.far_below_min": ("容积率低于控制下限", "FAR below the control minimum"),
    "land.reason.coverage_below_min": ("建筑系数低于控制下限", "Building coverage below the control minimum"),
    "land.reason.idle": ("闲置土地", "Idle land"),
    "land.reason.tax_below_min": ("亩均税收低于门槛", "Tax per mu below the threshold"),
    # the same, short, as the English screen's low-efficiency list names them on one line (用地强度 at
    # 1280 px, walk 18 c5); the download and the parcel's details give the words above
    "land.reason_short.class_d": ("D 类企业", "Class D"),
    "land.reason_short.far_below_min": ("容积率低", "Low FAR"),
    "land.reason_short.coverage_below_min": ("建筑系数低", "Low coverage"),
    "land.reason_short.idle": ("闲置", "Idle"),
    "land.reason_short.tax_below_min": ("亩均税收低", "Low tax/mu"),
    "land.reason_short.help": (
        "认定理由的简称；完整说明见宗地详情和下载的清单。",
        "The reasons in short (Low FAR: FAR below the control minimum; Low coverage: building coverage"
        " below the control minimum; Low tax/mu: tax per mu below the threshold); the parcel's details"
        " and the downloaded list give them in full.",
    ),
    # how a parcel found its enterprise (geo/land/parcels.py JOIN_METHODS: join_method -> words)
    "land.join.id": ("按企业编号", "by enterprise ID"),
    "land.join.location": ("按位置（企业点位落在宗地内）", "by location (enterprise point in the parcel)"),
    "land.join.none": ("未对应企业", "no enterprise"),
    # the grant-contract check's verdicts and promises
    "land.verdict.met": ("达标", "Met"),
    "land.verdict.missed": ("未达标", "Missed"),
    "land.verdict.not_due": ("未到达产期", "Not yet due"),
    "land.promise.invest": ("投资强度", "investment per mu"),
    "land.promise.far": ("容积率", "FAR"),
    "land.promise.tax": ("亩均税收", "tax per mu"),
    # joining parcels to enterprises
    "land.note.unknown_ids": (
        "{n} 个宗地上的企业编号不在企业表中：{ids}",
        "{n} enterprise ids on parcels are not in the enterprise table: {ids}",
    ),
    "land.note.shared_parcel": (
        "{n} 家企业与其他企业位于同一宗地内，该宗地归排在前面的企业",
        "{n} enterprises share a parcel with another; it went to the first",
    ),
    "land.note.empty_parcels": (
        "{n} 宗地内没有企业点位，按闲置计",
        "{n} parcels hold no enterprise point and count as idle",
    ),
}

RENEWAL: dict[str, tuple[str, str]] = {
    "land.status.identified": ("已认定", "Identified"),
    "land.status.in_progress": ("处置中", "In progress"),
    "land.status.done": ("已盘活", "Renewed"),
    "land.method.upgrade": ("技改提升", "Upgrade"),
    "land.method.storeys": ("工业上楼", "Multi-storey industry"),
    "land.method.merger": ("兼并重组", "Merger"),
    "land.method.taken_back": ("收回/转让", "Taken back / transferred"),
    "land.renewal.detail": (
        "{parcel}：{old} → {new}{when}{typed}",
        "Parcel {parcel}: {old} → {new}{when}{typed}",
    ),
    "land.renewal.detail_method": ("（{method}，{day}）", " ({method}, on {day})"),
    "land.renewal.detail_day": ("（{day}）", " (on {day})"),
    "land.renewal.detail_typed": ("；填写的修改人：{typed}", "; name typed on the form: {typed}"),
    "land.renewal.log_title": ("盘活状态记录", "renewal status log"),
    "land.renewal.migrated": (
        "从 {path} 的 {layer} 导入 {n} 条盘活状态记录（原文件保留未改）",
        "{n} renewal status records imported from {layer} of {path} (the file is left as it was)",
    ),
    "land.renewal.outside": ("区域外", "Outside every zone"),
    "land.renewal.all": ("全部", "All"),
}

BATCH: dict[str, tuple[str, str]] = {
    "batch.note.no_previous_year": (
        "表中没有 {year} 年的数据，未做年度比较",
        "The table holds no data for {year}: no comparison with the year before",
    ),
    "batch.note.zones_not_scored": ("区镇评价未完成：{reason}", "The zones were not scored: {reason}"),
    "batch.summary.compared": (
        "与{label}比较（{how}）：新进入 {n_new} 家，退出 {n_gone} 家，升档 {n_up} 家，降档 {n_down} 家",
        "Compared with {label} ({how}): {n_new} entered, {n_gone} left, {n_up} moved up, {n_down} moved down",
    ),
    "batch.summary.year": ("{year} 年", "the year {year}"),
    "batch.summary.last_year": ("上年", "last year"),
    "batch.summary.published": ("上年已公布类别", "last year's published classes"),
    "batch.summary.reevaluated": (
        "上年数据按相同区域与配置重新评价",
        "last year's data evaluated again with the same zones and rules",
    ),
    "batch.summary.transitions": ("类别转移：{moves}", "Class transitions: {moves}"),
    "batch.summary.move": ("{before}→{after} {n} 家", "{before}→{after} {n} enterprises"),
    "batch.summary.warnings": ("预警 {n} 条", "{n} early warnings"),
}

MESSAGES: dict[str, tuple[str, str]] = {**PARCELS, **RENEWAL, **BATCH}
