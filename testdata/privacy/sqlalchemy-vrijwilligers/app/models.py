"""Modellen van de vrijwilligersadministratie."""
from sqlalchemy import Boolean, Column, Date, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Vrijwilliger(Base):
    __tablename__ = "vrijwilligers"

    id: Mapped[int] = mapped_column(primary_key=True)
    voornaam: Mapped[str] = mapped_column(String(100))
    achternaam: Mapped[str] = mapped_column(String(100))
    geboortedatum: Mapped[Optional[date]] = mapped_column(Date)
    burgerservicenummer = Column(String(9), nullable=True, comment="BSN, alleen voor de VOG-aanvraag")
    vakbondslid = Column(Boolean, default=False)
    religie = Column(String(50), nullable=True)
    email = Column(String(255), unique=True, nullable=False)


class Activiteit(Base):
    __tablename__ = "activiteiten"

    id = Column(Integer, primary_key=True)
    naam = Column(String(200), nullable=False)
    privacybeleid_url = Column(String(500))
    rolstoeltoegankelijk = Column(Boolean, default=True)
    hartslag_interval = Column(Integer)
