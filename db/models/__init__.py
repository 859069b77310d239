"""All tables. Importing this package registers every model on ``Base.metadata``."""
from db.models.base import Base, new_id
from db.models.organisation import Certificate, Officer, Unit
from db.models.accounts import User, UserRole
from db.models.audit import Checkpoint, LedgerEntry, WorkstationIdentity
from db.models.settings import Setting
from db.models.devices import (
    Custody, Device, DeviceEvent, DeviceType, RatioStandard, SignatureImage,
)
from db.models.footage import Footage, FootageSighting, OffloadSession
from db.models.casework import (
    Case, CaseOfficer, CaseParty, CaseStep, CaseType, DocumentCounter, EvidenceLink,
    IssuedDocument,
)
from db.models.sync import HqCountersignature, HqReceipt, SyncLink, SyncProgress, UploadState
from db.models.workdays import *  # noqa: F401,F403 - each module lists its tables in __all__
from db.models.review import *  # noqa: F401,F403
from db.models.benchmarks import *  # noqa: F401,F403
from db.models.disclosure import *  # noqa: F401,F403
from db.models.public_lists import *  # noqa: F401,F403
from db.models.inspections import *  # noqa: F401,F403
from db.models.compliance import *  # noqa: F401,F403
from db.models.capture import *  # noqa: F401,F403
from db.models.case_extensions import *  # noqa: F401,F403
from db.models.hq import (
    HqCheckpoint, HqEnrollmentCode, HqFile, HqFileHolding, HqLedgerEntry, HqRecord, HqUpload,
    HqWorkstation, HqWorkstationState,
)

__all__ = [
    "Base", "new_id", "Unit", "Officer", "Certificate", "User", "UserRole",
    "LedgerEntry", "Checkpoint", "WorkstationIdentity", "Setting",
    "DeviceType", "Device", "DeviceEvent", "Custody", "SignatureImage", "RatioStandard",
    "OffloadSession", "Footage", "FootageSighting",
    "CaseType", "Case", "CaseOfficer", "CaseParty", "CaseStep", "EvidenceLink",
    "DocumentCounter", "IssuedDocument",
    "SyncLink", "SyncProgress", "HqReceipt", "HqCountersignature", "UploadState",
    "HqWorkstation", "HqWorkstationState", "HqEnrollmentCode", "HqLedgerEntry", "HqCheckpoint",
    "HqRecord", "HqFile", "HqFileHolding", "HqUpload",
]
