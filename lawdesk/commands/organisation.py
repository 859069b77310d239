from __future__ import annotations

import argparse

from lawdesk.commands.common import (cells, language, login, open_workspace,
                                     parse_date, print_json, print_rows, say, unit_id_of)


def unit_add(args: argparse.Namespace) -> int:
    from organisation.units import add_unit
    workspace = open_workspace(args)
    unit = add_unit(login(args, workspace), args.name, args.short)
    print(say(f"已添加科室 {unit.name}（简称 {unit.short_name}）",
              f"Added unit {unit.name} (short name {unit.short_name})", workspace))
    return 0


def unit_list(args: argparse.Namespace) -> int:
    from organisation.units import list_units
    workspace = open_workspace(args)
    units = list_units(login(args, workspace))
    if args.json:
        print_json([{"id": u.id, "name": u.name, "short": u.short_name, "officers": u.officers}
                    for u in units])
    else:
        for u in units:
            print(cells(u.short_name, u.name, u.officers))
    return 0


def officer_add(args: argparse.Namespace) -> int:
    from organisation.officers import CertificateInput, add_officer
    certificate = CertificateInput(
        number=args.cert, valid_until=parse_date(args.valid_until, "--valid-until"),
        valid_from=parse_date(args.valid_from, "--valid-from"), category=args.category,
        area=args.area)
    workspace = open_workspace(args)
    row = add_officer(login(args, workspace), args.name, args.unit, certificate,
                      post=args.post, phone=args.phone)
    if args.json:
        print_json(row.as_json(language(workspace)))
    else:
        print(say(f"已添加执法人员 {row.name}（{row.certificate_number}）：",
                  f"Added officer {row.name} ({row.certificate_number}): ", workspace)
              + row.certification.message(language(workspace)))
    return 0


def officer_list(args: argparse.Namespace) -> int:
    from organisation.officers import OfficerFilter, officer_page
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    unit_id = unit_id_of(ctx, args.unit, workspace)
    rows = officer_page(ctx, OfficerFilter(text=args.search, unit_id=unit_id))
    lang = language(workspace)
    print_rows(args, rows, lang, lambda row: cells(
        row.certificate_number or "-", row.name, row.unit_name, row.valid_until or "-",
        row.certification.message(lang)))
    return 0


def officer_show(args: argparse.Namespace) -> int:
    from organisation.officers import officer_by_certificate
    workspace = open_workspace(args)
    row = officer_by_certificate(login(args, workspace), args.cert)
    lang = language(workspace)
    if args.json:
        print_json(row.as_json(lang))
    else:
        print(cells(row.name, row.unit_name, row.certificate_number,
                    row.certification.message(lang)))
    return 0


def officer_cert_status(args: argparse.Namespace) -> int:
    from organisation.officers import set_certificate_status
    workspace = open_workspace(args)
    row = set_certificate_status(login(args, workspace), args.cert, args.status, args.reason)
    print(f"{row.name}: {row.certification.message(language(workspace))}")
    return 0


def officer_renew(args: argparse.Namespace) -> int:
    from organisation.officers import CertificateInput, officer_by_certificate, renew_certificate
    certificate = CertificateInput(
        number=args.new_cert, valid_until=parse_date(args.valid_until, "--valid-until"),
        valid_from=parse_date(args.valid_from, "--valid-from"), category=args.category,
        area=args.area)
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    row = renew_certificate(ctx, officer_by_certificate(ctx, args.cert).id, certificate)
    print(f"{row.name}: {row.certification.message(language(workspace))}")
    return 0
