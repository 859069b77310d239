"""Translated names for the domain's codes (roles, statuses), kept in one place.

Written out as QCoreApplication.translate calls so Qt's lupdate finds every text."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

ROLES = ("admin", "clerk", "custodian", "officer", "reviewer", "head")
CERTIFICATE_STATUSES = ("active", "suspended", "revoked")


def role_label(role: str) -> str:
    labels = {
        "admin": QCoreApplication.translate("Labels", "Administrator"),
        "clerk": QCoreApplication.translate("Labels", "Clerk"),
        "custodian": QCoreApplication.translate("Labels", "Device custodian"),
        "officer": QCoreApplication.translate("Labels", "Enforcement officer"),
        "reviewer": QCoreApplication.translate("Labels", "Legal reviewer"),
        "head": QCoreApplication.translate("Labels", "Bureau head"),
    }
    return labels.get(role, role)


def certificate_status_label(status: str | None) -> str:
    labels = {
        "active": QCoreApplication.translate("Labels", "Active"),
        "suspended": QCoreApplication.translate("Labels", "Suspended"),
        "revoked": QCoreApplication.translate("Labels", "Revoked"),
        None: QCoreApplication.translate("Labels", "No certificate"),
    }
    return labels.get(status, status or "")


def certification_short_label(reason: str) -> str:
    """The 持证上岗 verdict in a word or two, for a table cell."""
    labels = {
        "certified": QCoreApplication.translate("Labels", "May enforce"),
        "no_certificate": QCoreApplication.translate("Labels", "No certificate"),
        "not_yet_valid": QCoreApplication.translate("Labels", "Not yet valid"),
        "expired": QCoreApplication.translate("Labels", "Expired"),
        "suspended": QCoreApplication.translate("Labels", "Suspended"),
        "revoked": QCoreApplication.translate("Labels", "Revoked"),
    }
    return labels.get(reason, reason)


def action_label(action: str) -> str:
    labels = {
        "init.workstation": QCoreApplication.translate("Actions", "Set up the workstation"),
        "init.admin": QCoreApplication.translate("Actions", "Created the first administrator"),
        "unit.add": QCoreApplication.translate("Actions", "Added a unit"),
        "unit.update": QCoreApplication.translate("Actions", "Changed a unit"),
        "officer.add": QCoreApplication.translate("Actions", "Added an officer"),
        "officer.update": QCoreApplication.translate("Actions", "Changed an officer"),
        "certificate.issue": QCoreApplication.translate("Actions", "Issued a certificate"),
        "certificate.active": QCoreApplication.translate("Actions", "Reinstated a certificate"),
        "certificate.suspended": QCoreApplication.translate("Actions", "Suspended a certificate"),
        "certificate.revoked": QCoreApplication.translate("Actions", "Revoked a certificate"),
        "user.add": QCoreApplication.translate("Actions", "Added a user"),
        "user.roles": QCoreApplication.translate("Actions", "Changed roles"),
        "user.enable": QCoreApplication.translate("Actions", "Enabled an account"),
        "user.disable": QCoreApplication.translate("Actions", "Disabled an account"),
        "user.reset_password": QCoreApplication.translate("Actions", "Reset a password"),
        "user.change_password": QCoreApplication.translate("Actions", "Changed own password"),
        "login.failed": QCoreApplication.translate("Actions", "Failed login"),
        "login.throttled": QCoreApplication.translate("Actions", "Login while locked"),
        "login.disabled": QCoreApplication.translate("Actions", "Login to a disabled account"),
        "login.succeeded": QCoreApplication.translate("Actions", "Login after failures"),
        "login.rehash": QCoreApplication.translate("Actions", "Password hash upgraded"),
        "devices.defaults": QCoreApplication.translate("Actions", "Loaded default device rules"),
        "casework.defaults": QCoreApplication.translate("Actions", "Loaded default case rules"),
        "device.add": QCoreApplication.translate("Actions", "Registered a device"),
        "device.update": QCoreApplication.translate("Actions", "Changed a device"),
        "device.import": QCoreApplication.translate("Actions", "Imported devices"),
        "device.checkout": QCoreApplication.translate("Actions", "Checked a device out"),
        "device.checkin": QCoreApplication.translate("Actions", "Checked a device in"),
        "device.repair": QCoreApplication.translate("Actions", "Sent a device for repair"),
        "device.repaired": QCoreApplication.translate("Actions", "Device back from repair"),
        "device.lost": QCoreApplication.translate("Actions", "Reported a device lost"),
        "device.found": QCoreApplication.translate("Actions", "Found a lost device"),
        "device.retire": QCoreApplication.translate("Actions", "Retired a device"),
        "device_type.set": QCoreApplication.translate("Actions", "Changed a device type"),
        "ratio_standard.set": QCoreApplication.translate("Actions", "Set a ratio standard"),
        "ratio_standard.remove": QCoreApplication.translate("Actions",
                                                            "Removed a ratio standard"),
        "offload.start": QCoreApplication.translate("Actions", "Started an offload"),
        "offload.store": QCoreApplication.translate("Actions", "Stored a verified file"),
        "offload.duplicate": QCoreApplication.translate("Actions", "Saw a file already stored"),
        "offload.resume": QCoreApplication.translate("Actions", "Resumed an offload"),
        "offload.fail": QCoreApplication.translate("Actions", "A file failed to offload"),
        "offload.finish": QCoreApplication.translate("Actions", "Finished an offload"),
        "offload.interrupted": QCoreApplication.translate("Actions",
                                                          "Closed an interrupted offload"),
        "offload.erase_source": QCoreApplication.translate("Actions",
                                                           "Erased a verified file from a device"),
        "case.new": QCoreApplication.translate("Actions", "Opened a case"),
        "case.update": QCoreApplication.translate("Actions", "Changed a case"),
        "case.fields": QCoreApplication.translate("Actions", "Filled document fields"),
        "case.step": QCoreApplication.translate("Actions", "Recorded a case step"),
        "case.link": QCoreApplication.translate("Actions", "Linked evidence to a case"),
        "case.unlink": QCoreApplication.translate("Actions", "Unlinked evidence from a case"),
        "case_type.set": QCoreApplication.translate("Actions", "Changed a case type"),
        "document.issue": QCoreApplication.translate("Actions", "Issued a document"),
        "sync.enroll": QCoreApplication.translate("Actions", "Enrolled at headquarters"),
        "sync.reference": QCoreApplication.translate("Actions",
                                                     "Received reference data from HQ"),
        "sync.hq_receipt": QCoreApplication.translate("Actions", "HQ confirmed it holds a file"),
        "hq.enroll_code": QCoreApplication.translate("Actions", "Issued an enrollment code"),
        "hq.enroll": QCoreApplication.translate("Actions", "Enrolled a workstation"),
        "hq.revoke_workstation": QCoreApplication.translate("Actions", "Revoked a workstation"),
        "hq.chain_refused": QCoreApplication.translate("Actions",
                                                       "Refused a workstation's broken ledger"),
        "hq.clear_flag": QCoreApplication.translate("Actions",
                                                    "Cleared a workstation's ledger flag"),
        "hq.file_received": QCoreApplication.translate("Actions", "Received a file"),
        "hq.file_held": QCoreApplication.translate("Actions", "Noted a file already held"),
        "hq.verify": QCoreApplication.translate("Actions", "Checked HQ's ledgers and files"),        "calendar.import": QCoreApplication.translate("Actions", "Imported a working-day calendar"),
        "benchmark.choose": QCoreApplication.translate("Actions", "Chose a discretion benchmark for a case"),
        "benchmark.defaults": QCoreApplication.translate("Actions", "Set up the shipped discretion benchmarks"),
        "benchmark.import": QCoreApplication.translate("Actions", "Imported discretion benchmarks"),
        "review.attach": QCoreApplication.translate("Actions", "Attached review material"),
        "review.coordinate": QCoreApplication.translate("Actions", "Decided a review disagreement"),
        "review.decide": QCoreApplication.translate("Actions", "Recorded a review opinion"),
        "review.defaults": QCoreApplication.translate("Actions", "Set up the shipped major-decision catalogue"),
        "review.disagree": QCoreApplication.translate("Actions", "Disagreed with a review opinion"),
        "review.extend": QCoreApplication.translate("Actions", "Extended a review's time limit"),
        "review.facts": QCoreApplication.translate("Actions", "Recorded a case's review facts"),
        "review.start": QCoreApplication.translate("Actions", "Took a case into review"),
        "review.submit": QCoreApplication.translate("Actions", "Submitted a case for legal review"),
        "review_rule.retire": QCoreApplication.translate("Actions", "Retired a catalogue rule"),
        "review_rule.set": QCoreApplication.translate("Actions", "Changed a catalogue rule"),
        "reviewer.qualify": QCoreApplication.translate("Actions", "Recorded a reviewer's qualification"),
        "reviewer.training": QCoreApplication.translate("Actions", "Recorded reviewer training"),
        "disclosure.approve": QCoreApplication.translate("Actions", "Approved a disclosure"),
        "disclosure.decision_changed": QCoreApplication.translate("Actions", "Noted a changed decision for withdrawal"),
        "disclosure.defaults": QCoreApplication.translate("Actions", "Set up the shipped disclosure rules"),
        "disclosure.draft": QCoreApplication.translate("Actions", "Drafted a disclosure"),
        "disclosure.expire": QCoreApplication.translate("Actions", "Took an expired disclosure offline"),
        "disclosure.export": QCoreApplication.translate("Actions", "Exported the disclosure site"),
        "disclosure.publish": QCoreApplication.translate("Actions", "Published a disclosure"),
        "disclosure.revise": QCoreApplication.translate("Actions", "Revised a disclosure draft"),
        "disclosure.withdraw": QCoreApplication.translate("Actions", "Withdrew a disclosure"),
        "disclosure.withhold": QCoreApplication.translate("Actions", "Withheld a disclosure"),
        "disclosure_rule.set": QCoreApplication.translate("Actions", "Changed a disclosure rule"),
    }
    if action in labels:
        return labels[action]
    if action.startswith("setting."):
        return QCoreApplication.translate("Actions", "Changed a setting")
    from audit.labels import action_name  # the ledger's own table names every action
    return action_name(action, QLocale().name())


def object_type_label(object_type: str) -> str:
    labels = {
        "unit": QCoreApplication.translate("Records", "Unit"),
        "officer": QCoreApplication.translate("Records", "Officer"),
        "certificate": QCoreApplication.translate("Records", "Certificate"),
        "user_account": QCoreApplication.translate("Records", "User account"),
        "user_role": QCoreApplication.translate("Records", "User role"),
        "workstation": QCoreApplication.translate("Records", "Workstation"),
        "setting": QCoreApplication.translate("Records", "Setting"),
        "login": QCoreApplication.translate("Records", "Login"),
        "device": QCoreApplication.translate("Records", "Device"),
        "device_type": QCoreApplication.translate("Records", "Device type"),
        "device_event": QCoreApplication.translate("Records", "Device history"),
        "custody": QCoreApplication.translate("Records", "Custody"),
        "signature_image": QCoreApplication.translate("Records", "Signature"),
        "ratio_standard": QCoreApplication.translate("Records", "Ratio standard"),
        "offload_session": QCoreApplication.translate("Records", "Offload session"),
        "footage": QCoreApplication.translate("Records", "Footage"),
        "footage_sighting": QCoreApplication.translate("Records", "Footage sighting"),
        "case_type": QCoreApplication.translate("Records", "Case type"),
        "enforcement_case": QCoreApplication.translate("Records", "Case"),
        "case_officer": QCoreApplication.translate("Records", "Case officer"),
        "case_party": QCoreApplication.translate("Records", "Party"),
        "case_step": QCoreApplication.translate("Records", "Case step"),
        "evidence_link": QCoreApplication.translate("Records", "Evidence link"),
        "document_counter": QCoreApplication.translate("Records", "Document number counter"),
        "issued_document": QCoreApplication.translate("Records", "Issued document"),
        "sync_link": QCoreApplication.translate("Records", "Enrollment at HQ"),
        "hq_receipt": QCoreApplication.translate("Records", "HQ receipt"),
        "hq_workstation": QCoreApplication.translate("Records", "Enrolled workstation"),
        "hq_enrollment_code": QCoreApplication.translate("Records", "Enrollment code"),
        "hq_file": QCoreApplication.translate("Records", "File received at HQ"),
        "hq_file_holding": QCoreApplication.translate("Records", "File holder"),        "workday_calendar_year": QCoreApplication.translate("Records", "Working-day calendar year"),
        "review_rule": QCoreApplication.translate("Records", "Major-decision catalogue rule"),
        "review_case_facts": QCoreApplication.translate("Records", "Review facts of a case"),
        "case_review": QCoreApplication.translate("Records", "Legal review"),
        "review_step": QCoreApplication.translate("Records", "Review step"),
        "review_material": QCoreApplication.translate("Records", "Review material"),
        "reviewer_qualification": QCoreApplication.translate("Records", "Reviewer qualification"),
        "reviewer_training": QCoreApplication.translate("Records", "Reviewer training"),
        "benchmark_version": QCoreApplication.translate("Records", "Benchmark version"),
        "benchmark_circumstance": QCoreApplication.translate("Records", "Benchmark circumstance"),
        "benchmark_offence": QCoreApplication.translate("Records", "Benchmark offence"),
        "benchmark_tier": QCoreApplication.translate("Records", "Benchmark tier"),
        "case_benchmark_choice": QCoreApplication.translate("Records", "Case's benchmark choice"),
        "disclosure_rule": QCoreApplication.translate("Records", "Disclosure rule"),
        "disclosure_record": QCoreApplication.translate("Records", "Disclosure record"),
        "disclosure_export": QCoreApplication.translate("Records", "Disclosure export"),
    }
    return labels.get(object_type, object_type)


def field_label(field: str) -> str:
    labels = {
        "name": QCoreApplication.translate("Fields", "name"),
        "short_name": QCoreApplication.translate("Fields", "short name"),
        "post": QCoreApplication.translate("Fields", "post"),
        "phone": QCoreApplication.translate("Fields", "phone"),
        "number": QCoreApplication.translate("Fields", "certificate number"),
        "category": QCoreApplication.translate("Fields", "category"),
        "area": QCoreApplication.translate("Fields", "area"),
        "valid_from": QCoreApplication.translate("Fields", "valid from"),
        "valid_until": QCoreApplication.translate("Fields", "valid until"),
        "status": QCoreApplication.translate("Fields", "status"),
        "status_reason": QCoreApplication.translate("Fields", "reason"),
        "reason": QCoreApplication.translate("Fields", "reason"),
        "username": QCoreApplication.translate("Fields", "user name"),
        "display_name": QCoreApplication.translate("Fields", "display name"),
        "active": QCoreApplication.translate("Fields", "enabled"),
        "role": QCoreApplication.translate("Fields", "role"),
        "failed_logins": QCoreApplication.translate("Fields", "failed logins"),
        "locked_until": QCoreApplication.translate("Fields", "locked until"),
        "password_hash": QCoreApplication.translate("Fields", "password"),
        "key": QCoreApplication.translate("Fields", "setting"),
        "value": QCoreApplication.translate("Fields", "value"),
        "public_key": QCoreApplication.translate("Fields", "public key"),
    }
    return labels.get(field, field)


def value_text(field: str, value: object) -> str:
    if value is True:
        return QCoreApplication.translate("Fields", "yes")
    if value is False:
        return QCoreApplication.translate("Fields", "no")
    if value is None:
        return "—"
    if value == "[redacted]":
        return QCoreApplication.translate("Fields", "(hidden)")
    if field == "role":
        return role_label(str(value))
    if field == "status":
        return certificate_status_label(str(value))
    return str(value)
