"""The cases the layout and golden-image tests print: the example case (a company) and the
same case brought against a natural person, every standard document issued for each, as a
clerk would take the case from filing to closing; the two device PDFs; and the legal
review's two documents (法制审核意见书, 集体讨论记录) for the example case made major, in a
data folder of their own where the review happens as tests/review sets it up. Shared by
tests/casework/test_document_layout*.py and tools/update_golden.py, so the references are
made from the same documents the tests check."""
from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from casework.cases import create_case, record_step
from casework.documents import DocumentArchive, issue_document
from casework.evidence_links import link_evidence
from casework.inputs import parse_case
from config.settings import set_setting
from core.actor import Actor
from core.clock import fixed_clock
from devices.offload.pipeline import offload
from lawdesk.workspace import Workspace
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "resources" / "examples" / "case.json"
BUREAU = "农安县市场监督管理局"
# Issued in the order a case file holds them; the steps each needs are recorded first.
ORDER = ("filing_approval", "inspection_record", "evidence_list", "inquiry_record",
         "rectification_notice", "penalty_notice", "hearing_notice", "decision_approval",
         "penalty_decision", "service_receipt", "closing_approval")
STEPS_BEFORE = {"inspection_record": ("filing", "investigation"),
                "penalty_notice": ("notice",), "service_receipt": ("decision",),
                "closing_approval": ("service", "execution")}
DAYS = {"filing": 4, "investigation": 5, "notice": 8, "decision": 10, "service": 11,
        "execution": 12}
CASES = ("company", "person")
DEVICE_DOCUMENTS = ("use_register", "ratio_report")   # issued under the case "devices"
REVIEW_DOCUMENTS = ("review_opinion", "collective_discussion")  # under the case "review"
# What the meeting typed into the 集体讨论记录 (the form's inputs).
DISCUSSION = {
    "held_at": "2026-06-12T09:00", "ended_at": "2026-06-12T10:30",
    "place": "本局三楼会议室", "chair": "刘强（局长）",
    "attendees": "刘强（局长）、陈明（副局长）、赵刚（副局长）、孙红（纪检组长）",
    "observers": "张伟（承办人）、王芳（法制审核人员）", "recorder": "李娜",
    "discussion": "陈明：事实清楚，证据充分，处罚幅度适当，同意承办机构意见。\n"
                  "赵刚：同意承办机构意见，决定书应补充裁量说理。\n刘强：同意。",
    "conclusion": "经集体讨论，同意承办机构意见，对当事人作出上述行政处罚，"
                  "并责令其自收到决定书之日起十五日内缴纳罚款。",
}
PERSON = {"kind": "person", "name": "刘洋", "id_number": "220122198305120013",
          "address": "吉林省长春市农安县农安镇兴华路188号", "phone": "13904311234"}


@dataclass(frozen=True)
class IssuedSet:
    case: str                       # company | person
    pdfs: dict[str, Path]           # template id → the issued PDF
    numbers: dict[str, str]


def case_data(which: str) -> dict:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    if which == "person":
        data = copy.deepcopy(data)
        data["parties"] = [PERSON]
        # Below the major-decision threshold for a person (¥10,000), so no legal review.
        data["penalty_amount"] = "5000.00"
        data["penalty"] = data["penalty"].replace("罚款人民币50000.00元", "罚款人民币5000.00元")
        data["fields"].update(interviewee_work="个体经营者", interviewee_relation="当事人",
                              inspection_witness="刘洋（当事人）")
    return data


def offload_two_files(workspace: Workspace, ctx, folder: Path) -> list[str]:  # noqa: ANN001
    """Two body-camera files offloaded through the real pipeline; their SHA-256."""
    (folder / "RECORD").mkdir(parents=True)
    digests = []
    for i in (1, 2):
        name = f"J001234_22010001_2026060309{29 + i}00_{i:04d}.MP4"
        data = hashlib.shake_256(name.encode()).digest(30_000 + i)
        (folder / "RECORD" / name).write_bytes(data)
        digests.append(hashlib.sha256(data).hexdigest())
    offload(ctx, workspace.store, folder, device_serial="J001234")
    return digests


def set_up_bureau(workspace: Workspace):  # noqa: ANN201
    """Unit 执一, officers 张伟 (22010001) and 李娜 (22010002), the bureau's name; returns
    the admin's and the clerk's contexts."""
    admin = workspace.context(Actor("admin", frozenset({"admin"})))
    clerk = workspace.context(Actor("clerk", frozenset({"clerk"})))
    add_unit(admin, "综合执法一科", "执一")
    for name, number in (("张伟", "22010001"), ("李娜", "22010002")):
        add_officer(admin, name, "执一", CertificateInput(number, date(2028, 12, 31),
                                                         valid_from=date(2020, 1, 1)))
    set_setting(admin, "bureau.name", BUREAU)
    return admin, clerk


def issue_all(workspace: Workspace, out: Path) -> dict[str, IssuedSet]:
    """Both cases with every document issued; the PDFs written under ``out``."""
    admin, clerk = set_up_bureau(workspace)
    digests = offload_two_files(workspace, admin, out / "card")
    archive = DocumentArchive(workspace.documents_dir)
    sets = {}
    for which in CASES:
        case = create_case(clerk, parse_case(case_data(which)))
        for digest in digests:
            link_evidence(clerk, case.number, digest)
        pdfs, numbers = {}, {}
        for kind in ORDER:
            for step in STEPS_BEFORE.get(kind, ()):
                record_step(clerk, case.number, step, date(2026, 6, DAYS[step]))
            typed = {}
            if kind == "service_receipt" and which == "person":  # two documents served at once
                typed["served_document"] = "\n".join(
                    f"《{title}》（{numbers[k]}）共2页" for k, title in (
                        ("penalty_decision", "行政处罚决定书"),
                        ("hearing_notice", "听证告知书")))
            info = issue_document(clerk, archive, case.number, kind, typed)
            path = out / which / f"{kind}.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(archive.read(info.sha256))
            pdfs[kind], numbers[kind] = path, info.number
        sets[which] = IssuedSet(which, pdfs, numbers)
    sets["devices"] = IssuedSet("devices", device_documents(workspace, out), {})
    return sets


def signature_png(seed: int) -> bytes:
    """A signature as a pad saves it: dark strokes on a transparent background."""
    from io import BytesIO

    from PIL import Image, ImageDraw
    image = Image.new("RGBA", (240, 80), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = [(10 + i * 22, 40 + ((i * 7 + seed * 13) % 30) - 15) for i in range(11)]
    draw.line(points, fill=(20, 20, 60, 255), width=4)
    out = BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def device_documents(workspace: Workspace, out: Path) -> dict[str, Path]:
    """The device register and the ratio report of the same bureau (run after
    ``issue_all``): three devices, a return with both signatures, a device reported lost, a
    checkout without a pad; the custodian has an account with a name."""
    from accounts.users import add_user
    from devices.custody import PreUseCheck, checkin, checkout
    from devices.documents import ratio_report_pdf, use_register_pdf
    from devices.registry import add_device, set_device_status
    admin = workspace.context(Actor("admin", frozenset({"admin"})))
    keeper = workspace.context(Actor("keeper", frozenset({"custodian"})))
    add_user(admin, "keeper", "keeper-pass-1", ["custodian"], display_name="孙丽")
    for serial, kind in (("J001234", "body_camera"), ("J001235", "body_camera"),
                         ("R0001", "audio_recorder")):
        add_device(admin, serial, kind, "执一")
    checkout(keeper, "J001234", "22010001", checks=PreUseCheck(),
             signature_png=signature_png(1))
    checkin(keeper, "J001234", signature_png=signature_png(2))
    checkout(keeper, "J001235", "22010002", checks=PreUseCheck(),
             signature_png=signature_png(3))
    set_device_status(admin, "J001235", "lost", reason="执法途中遗失")
    checkout(keeper, "R0001", "22010001", checks=PreUseCheck(), signature_png=None)
    folder = out / "devices"
    folder.mkdir(parents=True, exist_ok=True)
    return {"use_register": use_register_pdf(keeper, date(2026, 6, 1), date(2026, 6, 15),
                                             folder / "use_register.pdf"),
            "ratio_report": ratio_report_pdf(admin, folder / "ratio_report.pdf")}


def issue_review(workspace: Workspace, out: Path) -> IssuedSet:
    """The example case made major (a fine of ¥150,000), its materials handed in, reviewed
    (agreed, one point with a problem), then the opinion and the discussion record issued.
    ``workspace`` is a data folder of its own: the review's bureau (tests/review) has its
    own accounts and officers."""
    from tests.review.reviewed_case import agreed_major_case, contexts
    case = agreed_major_case(workspace)
    clerk = contexts(workspace)[0]
    archive = DocumentArchive(workspace.documents_dir)
    pdfs, numbers = {}, {}
    for kind in REVIEW_DOCUMENTS:
        typed = DISCUSSION if kind == "collective_discussion" else {}
        info = issue_document(clerk, archive, case.number, kind, typed)
        path = out / "review" / f"{kind}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(archive.read(info.sha256))
        pdfs[kind], numbers[kind] = path, info.number
    return IssuedSet("review", pdfs, numbers)


def issue_everything(folder: Path, template: Path | None = None) -> dict[str, IssuedSet]:
    """Every document the layout tests check, issued under ``folder``: the cases' and the
    devices' in one data folder, the review's in another."""
    sets = _in_workspace(folder / "data", template, lambda ws: issue_all(ws, folder))
    sets["review"] = _in_workspace(folder / "review-data", template,
                                   lambda ws: issue_review(ws, folder))
    return sets


def _in_workspace(folder: Path, template: Path | None, work):  # noqa: ANN001, ANN202
    workspace = open_workspace(folder, template)
    try:
        return work(workspace)
    finally:
        workspace.close()


def open_workspace(folder: Path, template: Path | None = None) -> Workspace:
    """A data folder: a copy of the tests' initialised template, or a new one."""
    from tests.conftest import ADMIN, ADMIN_PASSWORD, NOW
    if template is not None:
        import shutil
        shutil.copytree(template, folder)
        return Workspace.open(folder, clock=fixed_clock(NOW))
    workspace = Workspace.open(folder, clock=fixed_clock(NOW), create=True)
    workspace.initialise(ADMIN, ADMIN_PASSWORD)
    return workspace
