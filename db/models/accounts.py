from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, UtcDateTime, new_id, utc_now


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(50))
    # Added by migration 0022: the pinyin order of the display name (else the user name).
    name_sort_key: Mapped[str | None] = mapped_column(String(200), index=True)
    # The hash never enters the ledger's readable change text (see audit.recorder).
    password_hash: Mapped[str] = mapped_column(String(200), info={"audit": "redact"})
    officer_id: Mapped[str | None] = mapped_column(ForeignKey("officer.id"), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    # Added by migration 0002: throttling of repeated failed logins.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime())

    roles: Mapped[list["UserRole"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="UserRole.role"
    )

    @property
    def role_names(self) -> frozenset[str]:
        return frozenset(r.role for r in self.roles)


class UserRole(Base):
    """A mapped row rather than a bare association table, so each grant is audited."""

    __tablename__ = "user_role"
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)

    user: Mapped[User] = relationship(back_populates="roles")
