#!/usr/bin/env python3
"""Answers, for samples the Swift tests generate, what independent libraries say about them.

stdin:  {"luhn": ["4111…", …], "iban": […], …}     stdout: {"luhn": [true, false, …], …}

Oracles: python-stdnum (luhn, iban with its length/mod-97 check and without country BBAN formats, us.ssn, us.itin,
us.rtn, gb.nhs, ca.sin, imei, bitcoin), phonenumbers (is_possible_number for "+<cc>|<national>" samples built as
PhoneNumber objects, so no parsing heuristics intervene) and Python's ipaddress module (IPv4/IPv6).
"""
import ipaddress, json, sys

import phonenumbers
from stdnum import luhn, iban, imei, bitcoin
from stdnum.us import ssn, itin, rtn
from stdnum.gb import nhs
from stdnum.ca import sin


def ipv4(s):
    try:
        ipaddress.IPv4Address(s)
        return True
    except ValueError:
        return False


def ipv6(s):
    try:
        ipaddress.IPv6Address(s)
        return "%" not in s
    except ValueError:
        return False


def phone(sample):
    cc, national = sample.split("|")
    number = phonenumbers.PhoneNumber(country_code=int(cc), national_number=int(national))
    return phonenumbers.is_possible_number(number)


ORACLES = {
    "luhn": luhn.is_valid,
    "iban": lambda s: iban.is_valid(s, check_country=False),
    "ssn": ssn.is_valid,
    "itin": itin.is_valid,
    "aba": rtn.is_valid,
    "nhs": nhs.is_valid,
    "sin": sin.is_valid,
    "imei": imei.is_valid,
    "bitcoin": bitcoin.is_valid,
    "phone": phone,
    "ipv4": ipv4,
    "ipv6": ipv6,
}

samples = json.load(sys.stdin)
json.dump({kind: [bool(ORACLES[kind](s)) for s in values] for kind, values in samples.items()}, sys.stdout)
