"""The wire protocol between a workstation and HQ: the one definition both sides import.

All bodies are JSON (UTF-8) except tus chunks. Every path is under ``API``. Errors come back
as ``{"error": {"code": str, "message": str, "message_en": str}}`` with a 4xx/5xx status.

Enrollment (no token)
    POST {API}/enroll  {"code", "workstation_id", "public_key", "name"}
      -> 200 {"workstation_id", "unit": {"id", "name", "short_name"}, "server_id"}
      A used, expired or unknown code: 403 with code "enroll_code_refused".

Tokens: a workstation proves it holds its enrolled Ed25519 key
    POST {API}/auth/token  {"workstation_id", "at", "nonce", "signature"}
      signature = Ed25519 over token_request_message(workstation_id, at, nonce)
      ``at`` is ISO UTC and must be within TOKEN_CLOCK_SKEW of HQ's clock and later than the
      previous request's ``at`` of that workstation (no replay).
      -> 200 {"token", "expires_at"}
    Every later request carries ``Authorization: Bearer <token>``; HQ derives the
    workstation and its unit from the token, never from the request.

Records up
    POST {API}/ledger/push  {"entries": [entry...], "checkpoints": [checkpoint...]}
      entry: the ledger columns ENTRY_FIELDS + "hash"; checkpoint: {"seq", "head_hash",
      "at", "signature"}. Entries are consecutive and must continue the chain HQ holds;
      entries HQ already holds are compared (same hash: skipped, so a retried batch changes
      nothing; another hash: the chain is broken). The last new entry of a batch must carry
      a checkpoint in the same batch (a workstation signs the head after every transaction,
      so it cuts batches at checkpoints): HQ only ever holds signed entries.
      -> 200 {"accepted": n, "skipped": n, "ledger_seq": n, "signed_seq": n,
      "refused": [{"seq", "reason", "reason_en"}]}   (refused: writes to data HQ owns made
      after enrollment, kept not applied)
      A broken chain or a bad signature: 409 with code "chain_broken" naming the entry;
      the workstation is flagged at HQ and every later push gets the same 409 until an HQ
      admin clears the flag. A batch that starts past HQ's ledger_seq + 1: 409 with code
      "ledger_gap" (nothing flagged): read GET ledger/state and resend from there.
      At most LEDGER_BATCH_LIMIT entries per request.
    GET {API}/ledger/state -> {"ledger_seq", "ledger_hash", "signed_seq", "chain_problem"}
      (chain_problem: null, or why HQ flagged this workstation)

Reference data down
    GET {API}/reference?digest=D -> {"digest", "unchanged": true} when D is current, else
      {"digest", "unchanged": false, "tables": {table: [row...]}} with tables in
      REFERENCE_TABLES order, rows as canonical JSON values of every column
      (core.canonical.to_jsonable), ordered by primary key. The caller's unit only: its
      unit row, its officers and their certificates, every device type, the ratio standards
      that are global (unit_id null) or its unit's, every case type, every imported
      working-day calendar year (workday_calendar_year), every disclosure rule
      (disclosure_rule), every version of the discretion benchmarks (benchmark_*), every
      version of the major-decision catalogue's rules (review_rule).
      ``digest`` is the
      SHA-256 of the canonical JSON of ``tables``.

Footage up: tus 1.0.0 (core, creation, termination, checksum, expiration) under {API}/files/
    Every answer on these paths carries ``Tus-Resumable: 1.0.0``, refusals included (JSON
    error bodies as above); every request but OPTIONS must send it too, else 412 (with
    Tus-Version). All but OPTIONS need the bearer token. An upload belongs to the
    workstation that created it: any other gets 404 for its address, even one of its unit.
    OPTIONS {API}/files/ -> 204 Tus-Version, Tus-Extension, Tus-Checksum-Algorithm
      (crc32,sha256,sha1,md5), Tus-Max-Size (TUS_MAX_SIZE).
    POST {API}/files/check  {"sha256": [hex...]} (at most FILES_CHECK_MAX) -> {"held": [hex...]}
      and records that this workstation holds them too. A workstation asks this first and
      never offers HQ a file it holds.
    POST {API}/files/  Upload-Length: n; Upload-Metadata: tus pairs, values base64:
      "sha256" (hex, required), "kind" (FILE_KINDS, optional), "filename" (optional).
      -> 201 Location: {API}/files/{upload_id} (a path), Upload-Offset (0, or how far this
         workstation's unfinished upload of the same file got: it is resumed, not doubled),
         Upload-Expires.
      -> 200 {"sha256", "size", "received_at"}, no Location, when HQ holds the file already
         (a race with another workstation; an empty file is taken at once this way too).
      A missing or bad hash, length or metadata: 400 "upload_refused"; over Tus-Max-Size:
      413; no room on HQ's disk: 507 "hq_disk_full".
    HEAD {API}/files/{upload_id} -> 200 Upload-Offset, Upload-Length, Upload-Expires,
      Cache-Control: no-store; 404 "upload_not_found" when finished, ended, expired or not
      the caller's.
    PATCH {API}/files/{upload_id}  Content-Type: application/offset+octet-stream,
      Upload-Offset, Upload-Checksum: "<algorithm> <base64 digest>" of this chunk (required;
      workstations send crc32, the four bytes most significant first: sync.checksums)
      -> 204 Upload-Offset (the new offset), Upload-Expires. The offset counts only bytes HQ
         wrote and fsynced, so after HQ is killed HEAD answers where that chunk began.
      409 "offset_mismatch" when Upload-Offset is not HQ's offset (ask HEAD); 460
      "checksum_mismatch" when the chunk's digest differs: the chunk is dropped, send it
      again; a chunk cut short (the connection dropped) is dropped whole, so a resumed
      upload re-sends at most that one chunk. 413 past Upload-Length; 415 another
      Content-Type; 423 "upload_busy" while another request holds the upload.
      The PATCH that completes the upload returns 204 only after HQ hashed the whole file
      (as it arrived) and it matched: the file is then in HQ's store, read-only, and in
      HQ's ledger. A mismatch: 422 "hash_mismatch", the upload and its bytes are discarded.
    DELETE {API}/files/{upload_id} -> 204: the upload and its bytes are gone.
    GET {API}/files/{sha256} -> 200 {"sha256", "size", "received_at"} when HQ holds it
      (the workstation's confirmation, recorded as HqReceipt), 404 "file_not_held" otherwise.
    An upload untouched for UPLOAD_EXPIRY_S is discarded (Upload-Expires says when).
"""
from __future__ import annotations

from core.canonical import canonical_bytes
from sync import checksums

API = "/api/v1"
PROTOCOL_VERSION = 1

TOKEN_LIFETIME_S = 15 * 60
TOKEN_CLOCK_SKEW_S = 5 * 60

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = ("creation", "termination", "checksum", "expiration")
TUS_CHECKSUMS = checksums.ALGORITHMS
TUS_MAX_SIZE = 1 << 40                # 1 TiB: far above any recording
UPLOAD_EXPIRY_S = 7 * 24 * 3600       # an upload untouched this long is discarded
FILES_CHECK_MAX = 1000                # hashes per {API}/files/check request
# What a workstation says a file is (Upload-Metadata "kind"): a label HQ keeps, not a proof.
FILE_KINDS = ("footage", "thumbnail", "manifest", "document", "signature", "object")

# Ledger entries per push: a workstation sends about LEDGER_BATCH (more when one
# transaction is bigger: a batch ends at a checkpoint); HQ refuses more than the limit.
LEDGER_BATCH = 1_000
LEDGER_BATCH_LIMIT = 100_000

# Reference data HQ owns and sends down, in the order a workstation applies it (parents
# first). Every other audited table is owned by the workstation that writes it.
REFERENCE_TABLES = ("unit", "officer", "certificate", "device_type", "ratio_standard",
                    "case_type", "workday_calendar_year", "disclosure_rule",
                    "benchmark_version", "benchmark_circumstance", "benchmark_offence",
                    "benchmark_tier", "review_rule")
HQ_OWNED_TABLES = frozenset(REFERENCE_TABLES)
# Ledger action under which a workstation writes what HQ sent down: HQ sees these entries
# as the workstation's mirror of its own data, not as writes.
REFERENCE_ACTION = "sync.reference"

def token_request_message(workstation_id: str, at: str, nonce: str) -> bytes:
    return canonical_bytes({"kind": "lawdesk-hq-token", "workstation": workstation_id,
                            "at": at, "nonce": nonce})
