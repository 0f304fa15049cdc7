"""Words the atlas writes into the cells of its tables and files where the stored value is a
reserved word of its own, not a person's: the actor names of single-user mode, the command line and
the upgrade import, the yearly comparison's entrants and leavers, a workbook's numbered sheets and
the parcel map's extra columns, key -> (中文, English). The Chinese is what the store holds (the
actors) or what a Chinese file says; English pages and files show the English."""

MESSAGES: dict[str, tuple[str, str]] = {
    # who a change is recorded for when no signed-in person made it (geo/storage/changelog.py)
    "storage.actor.single_user": ("单用户模式", "single-user mode"),
    "storage.actor.anonymous": ("匿名", "anonymous"),
    "storage.actor.command_line": ("命令行", "command line"),
    "storage.actor.command_line_suffix": ("（命令行）", " (command line)"),
    "storage.actor.migration": ("系统（升级时导入旧数据）", "system (old data imported on upgrade)"),
    # the yearly comparison's rows and columns beside the classes (geo/yearly/transitions.py)
    "yearly.class.new": ("新进入", "NEW"),
    "yearly.class.gone": ("退出", "GONE"),
    "yearly.class.total": ("合计", "Total"),
    # a workbook's sheet whose title does not fit Excel's 31 characters (geo/exports/sheets.py)
    "exports.sheet.numbered": ("表 {n}", "Sheet {n}"),
    "exports.about.sheet_title": ("工作表「{sheet}」", "Sheet “{sheet}”"),
    # the parcel map's table columns (pages/intensity/parcel_data.py)
    "exports.column.mark": ("低于控制下限", "Below the control minimum"),
    "exports.column.renewal_status": ("盘活状态", "Renewal status"),
}
