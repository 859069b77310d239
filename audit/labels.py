"""What the fields of a ledger entry's change are called, in Chinese and English, for the
audit log a clerk reads (the window's own labels cover officers, accounts and settings;
this table the rest: footage, offloads, cases, parties, steps, devices, custody, documents).

Data, not rules: a field without an entry is shown by its key."""
from __future__ import annotations

FIELD_NAMES: dict[str, tuple[str, str]] = {
    # footage and offloads
    "original_name": ("原文件名", "original file name"),
    "device_serial": ("设备编号", "device serial"),
    "officer_number": ("执法证号", "certificate number"),
    "officer_source": ("执法人员来源", "officer from"),
    "recorded_at": ("记录时间", "recorded at"),   # footage: filmed; a step: entered
    "recorded_at_source": ("拍摄时间来源", "recording time from"),
    "duration_s": ("时长（秒）", "length (s)"),
    "duration_ms": ("用时（毫秒）", "took (ms)"),
    "width": ("宽度", "width"), "height": ("高度", "height"), "fps": ("帧率", "frame rate"),
    "codec": ("编码", "codec"), "readable": ("可解码", "readable"),
    "important": ("重要标记", "important"), "kind": ("类别", "kind"),
    "size": ("大小（字节）", "size (bytes)"), "sha256": ("SHA-256", "SHA-256"),
    "sm3": ("SM3", "SM3"), "verified_at": ("校验时间", "verified at"),
    "thumbnail_sha256": ("缩略图 SHA-256", "thumbnail SHA-256"),
    "source_path": ("设备上的路径", "path on the device"),
    "source_root": ("导入来源", "offloaded from"), "source_size": ("原大小", "size on device"),
    "source_mtime_ns": ("设备上的修改时间", "modified on the device"),
    "profile": ("记录仪配置", "recorder profile"), "at": ("时间", "time"),
    "started_at": ("开始时间", "started at"), "finished_at": ("结束时间", "finished at"),
    "bytes_copied": ("已复制字节", "bytes copied"), "files_total": ("文件总数", "files"),
    "files_stored": ("已存储", "stored"), "files_duplicate": ("重复", "duplicates"),
    "files_failed": ("失败", "failed"), "manifest_sha256": ("清单 SHA-256", "manifest SHA-256"),
    "manifest_json_sha256": ("清单 JSON SHA-256", "manifest JSON SHA-256"),
    "clock_check": ("时钟核对", "clock check"), "clock_offset_s": ("时钟偏差（秒）",
                                                              "clock offset (s)"),
    "clock_allowance_s": ("允许偏差（秒）", "allowed offset (s)"),
    "clock_checked_since": ("时钟核对起点", "clock checked since"),
    # cases, parties, steps, evidence, documents
    "number": ("编号", "number"), "type_code": ("案件类型", "case type"),
    "procedure": ("程序", "procedure"), "cause": ("案由", "cause"), "source": ("案件来源", "source"),
    "place": ("地点", "place"), "occurred_on": ("发生日期", "occurred on"),
    "facts": ("违法事实", "facts"), "legal_basis": ("法律依据", "legal basis"),
    "penalty": ("处罚内容", "penalty"), "penalty_amount": ("罚款金额", "fine"),
    "fields": ("文书字段", "document fields"), "created_by": ("创建人", "created by"),
    "seq": ("序号", "order"), "certificate_number": ("执法证号", "certificate number"),
    "id_type": ("证件类型", "identity document"), "id_number": ("证件号码", "identity number"),
    "id_number_mask": ("证件号码（遮蔽）", "identity number (masked)"),
    "address": ("地址", "address"), "legal_representative": ("法定代表人", "legal representative"),
    "step": ("办案环节", "step"), "done_on": ("办理日期", "done on"), "note": ("备注", "note"),
    "notes": ("备注", "notes"), "recorded_by": ("登记人", "recorded by"),
    "linked_at": ("关联时间", "linked at"), "linked_by": ("关联人", "linked by"),
    "issued_at": ("出具时间", "issued at"), "issued_by": ("出具人", "issued by"),
    "title": ("标题", "title"), "font": ("字体", "font"), "last": ("最新编号", "last number"),
    "year": ("年度", "year"), "name_zh": ("中文名称", "Chinese name"),
    "name_en": ("英文名称", "English name"), "code": ("代码", "code"),
    # devices and custody
    "serial": ("设备编号", "serial"), "model": ("型号", "model"), "vendor": ("厂商", "vendor"),
    "device_type": ("设备类型", "device type"), "purchase_date": ("购置日期", "bought on"),
    "checked_out_at": ("领用时间", "checked out at"), "checked_out_by": ("领用经办人",
                                                                     "checked out by"),
    "checked_in_at": ("归还时间", "checked in at"), "checked_in_by": ("归还经办人",
                                                                  "checked in by"),
    "due_at": ("应还时间", "due back"), "checkout_notes": ("领用备注", "checkout notes"),
    "checkin_notes": ("归还备注", "check-in notes"), "checkin_condition": ("归还状况",
                                                                        "condition"),
    "battery_ok": ("电量正常", "battery fine"), "storage_ok": ("存储正常", "storage fine"),
    "clock_ok": ("时钟正常", "clock right"), "undamaged": ("外观完好", "undamaged"),
    "checkout_signature_sha256": ("领用签名", "checkout signature"),
    "checkin_signature_sha256": ("归还签名", "check-in signature"),
    # general
    "created_at": ("创建时间", "created at"), "updated_at": ("更新时间", "updated at"),
    "updated_by": ("更新人", "updated by"), "text": ("内容", "text"),
    "detail": ("详情", "detail"), "state": ("状态", "state"), "outcome": ("结果", "outcome"),
    "error": ("错误", "error"), "version": ("版本", "version"),
}


def field_name(field: str, language: str = "zh_CN") -> str:
    names = FIELD_NAMES.get(field)
    if names is None:
        return field
    return names[1] if language.startswith("en") else names[0]

# Coded values of some fields, in words (the window names steps and statuses itself).
VALUE_NAMES: dict[tuple[str, str], tuple[str, str]] = {
    ("kind", "video"): ("视频", "video"), ("kind", "audio"): ("音频", "audio"),
    ("kind", "photo"): ("照片", "photo"), ("kind", "document"): ("文档", "document"),
    ("clock_check", "ok"): ("时钟准确", "clock right"),
    ("clock_check", "ahead"): ("时钟偏快", "clock ahead"),
    ("clock_check", "behind"): ("时钟偏慢", "clock behind"),
    ("clock_check", "unchecked"): ("未核对", "not checked"),
}


def value_name(field: str, value: str, language: str = "zh_CN") -> str | None:
    """The value in words, or None when the table does not know it."""
    names = VALUE_NAMES.get((field, value))
    if names is None:
        return None
    return names[1] if language.startswith("en") else names[0]
