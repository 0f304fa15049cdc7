"""Labels of the records the stores keep (geo/storage/): the change log's actions and the accuracy
classes of a layer's provenance, key -> (中文, English)."""

# What a change can be (geo/storage/changelog.py ACTIONS); feature_* are written by the tables' own
# triggers when a feature is edited outside the atlas (QGIS, SQL).
ACTIONS: dict[str, tuple[str, str]] = {
    "storage.action.import": ("导入", "import"),
    "storage.action.replace": ("替换", "replace"),
    "storage.action.delete": ("删除", "delete"),
    "storage.action.metadata": ("修改说明", "metadata edited"),
    "storage.action.config_saved": ("保存评价配置", "configuration saved"),
    "storage.action.config_deleted": ("删除评价配置", "configuration deleted"),
    "storage.action.status_changed": ("更改盘活状态", "renewal status changed"),
    "storage.action.load_demo": ("载入演示数据", "demo data loaded"),
    "storage.action.migrate": ("导入旧数据", "old data imported"),
    "storage.action.results_saved": ("写入评价结果", "results written"),
    "storage.action.version_saved": ("保存评价版本", "version saved"),
    "storage.action.version_published": ("公示评价版本", "version published"),
    "storage.action.version_finalized": ("评价版本定案", "version finalized"),
    "storage.action.evidence_saved": ("保存异议证据", "evidence stored"),
    "storage.action.objection_recorded": ("登记异议", "objection recorded"),
    "storage.action.objection_answered": ("记录核实答复", "department's answer recorded"),
    "storage.action.objection_decided": ("决定异议", "objection decided"),
    "storage.action.feature_added": ("外部编辑：新增要素", "feature added outside the atlas"),
    "storage.action.feature_changed": ("外部编辑：修改要素", "feature changed outside the atlas"),
    "storage.action.feature_deleted": ("外部编辑：删除要素", "feature deleted outside the atlas"),
}

# The atlas's own tables a change names, as a person knows them (geo/storage/audit.py layer_titles).
TABLES: dict[str, tuple[str, str]] = {
    "storage.table.parcel_renewal_log": ("盘活状态记录", "Renewal status log"),
    "storage.table.atlas_eval_configs": ("评价配置", "Evaluation configurations"),
    "storage.table.atlas_eval_versions": ("评价版本", "Evaluation versions"),
    "storage.table.atlas_eval_results": ("评价结果", "Evaluation results"),
    "storage.table.atlas_eval_objections": ("异议登记", "Objections"),
    "storage.table.atlas_eval_evidence": ("异议证据材料", "Objection evidence"),
}

# The accuracy classes (docs/domain.md §6), most exact first (geo/storage/provenance.py).
ACCURACY: dict[str, tuple[str, str]] = {
    "storage.accuracy.real": ("真实", "real"),
    "storage.accuracy.transcribed": ("转录", "transcribed"),
    "storage.accuracy.schematic": ("示意", "schematic"),
    "storage.accuracy.synthetic": ("合成", "synthetic"),
}

# A layer's title with its class, said as the titles that name it do ("吴江区镇（示意范围）").
TITLED: dict[str, tuple[str, str]] = {
    "storage.accuracy.titled": ("{title}（{label}）", "{title} ({label})"),
}

# What the tables' triggers write of a feature edited outside the atlas (stored in Chinese: the
# change log is the bureau's record): "fid=2（甲园）；name：甲园 → 乙园；几何已修改".
EDITS: dict[str, tuple[str, str]] = {
    "storage.edit.empty": ("空", "empty"),
    "storage.edit.geometry_changed": ("几何已修改", "geometry changed"),
}

MESSAGES: dict[str, tuple[str, str]] = {**ACTIONS, **TABLES, **ACCURACY, **TITLED, **EDITS}
