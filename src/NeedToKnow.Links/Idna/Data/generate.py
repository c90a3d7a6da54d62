#!/usr/bin/env python3
"""Generates the compact tables embedded in NeedToKnow.Links for UTS #46 (IDNA) processing.

usage: python3 generate.py [SHARED_UNICODE_DIR] [UCD_DIR]
  SHARED_UNICODE_DIR  default ../../../../../shared/conformance/unicode/17.0.0 (IdnaMappingTable.txt, Unicode 17.0.0)
  UCD_DIR             default /usr/share/unicode (Debian package `unicode-data`, Unicode 15.0.0): UnicodeData.txt,
                      extracted/DerivedBidiClass.txt, extracted/DerivedJoiningType.txt,
                      extracted/DerivedCombiningClass.txt, DerivedNormalizationProps.txt

Writes, little-endian:
  idna-mapping.bin   u32 n; n x (u32 start, u8 status, u16 offset, u8 length); u32 m; m x u16 pool
                     Ranges are contiguous and cover 0..10FFFF; status 0 valid, 1 mapped, 2 deviation, 3 disallowed,
                     4 ignored; the mapping is pool[offset .. offset+length] (UTF-16).
  unicode-props.bin  three range tables, each u32 n; n x (u32 start, u8 value): Bidi_Class (order of BIDI below),
                     Joining_Type (order of JT below), Canonical_Combining_Class; then u32 d; d x (u32 cp, u32 first,
                     u32 second or 0) canonical decompositions (one level); then u32 c; c x (u32 first, u32 second,
                     u32 composite) primary composites (not Full_Composition_Exclusion).
"""
import os, struct, sys

here = os.path.dirname(os.path.abspath(__file__))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '../../../../../shared/conformance/unicode/17.0.0')
ucd = sys.argv[2] if len(sys.argv) > 2 else '/usr/share/unicode'
N = 0x110000

STATUS = {'valid': 0, 'mapped': 1, 'deviation': 2, 'disallowed': 3, 'ignored': 4}
BIDI = ['L', 'R', 'AL', 'EN', 'ES', 'ET', 'AN', 'CS', 'NSM', 'BN', 'B', 'S', 'WS', 'ON',
        'LRE', 'LRO', 'RLE', 'RLO', 'PDF', 'LRI', 'RLI', 'FSI', 'PDI']
BIDI_LONG = {'Left_To_Right': 'L', 'Right_To_Left': 'R', 'Arabic_Letter': 'AL', 'European_Number': 'EN',
             'European_Separator': 'ES', 'European_Terminator': 'ET', 'Arabic_Number': 'AN',
             'Common_Separator': 'CS', 'Nonspacing_Mark': 'NSM', 'Boundary_Neutral': 'BN',
             'Paragraph_Separator': 'B', 'Segment_Separator': 'S', 'White_Space': 'WS', 'Other_Neutral': 'ON'}
JT = ['U', 'C', 'D', 'L', 'R', 'T']


def rng(field):
    field = field.strip()
    if '..' in field:
        a, b = field.split('..')
        return int(a, 16), int(b, 16)
    return int(field, 16), int(field, 16)


def lines(path):
    with open(path, encoding='utf-8') as f:
        for line in f:
            yield line.rstrip('\n')


def ranges(values):
    out = []
    prev = None
    for cp in range(N):
        v = values[cp]
        if v != prev:
            out.append((cp, v))
            prev = v
    return out


def write_ranges(buf, rs):
    buf += struct.pack('<I', len(rs))
    for start, v in rs:
        buf += struct.pack('<IB', start, v)


# --- IdnaMappingTable.txt (17.0.0)
entries = []
for line in lines(os.path.join(shared, 'IdnaMappingTable.txt')):
    data = line.split('#')[0].strip()
    if not data:
        continue
    fields = [x.strip() for x in data.split(';')]
    a, b = rng(fields[0])
    status = STATUS[fields[1]]
    mapping = ''
    if len(fields) > 2 and fields[1] in ('mapped', 'deviation') and fields[2]:
        mapping = ''.join(chr(int(x, 16)) for x in fields[2].split())
    entries.append((a, b, status, mapping))
entries.sort()
pool = []
pool_index = {}
records = []
expected = 0
for a, b, status, mapping in entries:
    assert a == expected, hex(a)
    expected = b + 1
    units = mapping.encode('utf-16-le')
    u16 = list(struct.unpack('<%dH' % (len(units) // 2), units))
    key = tuple(u16)
    if key not in pool_index:
        pool_index[key] = len(pool)
        pool.extend(u16)
    off = pool_index[key] if u16 else 0
    if records and records[-1][1] == status and records[-1][3] == len(u16) == 0:
        continue  # merge with the previous unmapped range of the same status
    records.append((a, status, off, len(u16)))
assert expected == N
idna = bytearray(struct.pack('<I', len(records)))
for a, status, off, length in records:
    idna += struct.pack('<IBHB', a, status, off, length)
idna += struct.pack('<I', len(pool))
idna += struct.pack('<%dH' % len(pool), *pool)
with open(os.path.join(here, 'idna-mapping.bin'), 'wb') as f:
    f.write(idna)

# --- Unicode 15.0.0 properties
bidi = [0] * N
jt = [0] * N
ccc = [0] * N
for path, table, names, default_long in (
        ('extracted/DerivedBidiClass.txt', bidi, BIDI, BIDI_LONG),
        ('extracted/DerivedJoiningType.txt', jt, JT, None)):
    explicit = []
    for line in lines(os.path.join(ucd, path)):
        if line.startswith('# @missing:'):
            f = [x.strip() for x in line[len('# @missing:'):].split(';')]
            a, b = rng(f[0])
            v = f[1]
            if default_long:
                v = default_long.get(v, v)
            elif v == 'Non_Joining':
                v = 'U'
            for cp in range(a, b + 1):
                table[cp] = names.index(v)
            continue
        data = line.split('#')[0].strip()
        if data:
            f = [x.strip() for x in data.split(';')]
            explicit.append((rng(f[0]), names.index(f[1])))
    for (a, b), v in explicit:
        for cp in range(a, b + 1):
            table[cp] = v
for line in lines(os.path.join(ucd, 'extracted/DerivedCombiningClass.txt')):
    data = line.split('#')[0].strip()
    if data:
        f = [x.strip() for x in data.split(';')]
        a, b = rng(f[0])
        for cp in range(a, b + 1):
            ccc[cp] = int(f[1])
decomp = []
for line in lines(os.path.join(ucd, 'UnicodeData.txt')):
    f = line.split(';')
    if f[5] and not f[5].startswith('<'):
        parts = [int(x, 16) for x in f[5].split()]
        decomp.append((int(f[0], 16), parts[0], parts[1] if len(parts) > 1 else 0))
exclusions = set()
for line in lines(os.path.join(ucd, 'DerivedNormalizationProps.txt')):
    data = line.split('#')[0].strip()
    if data:
        f = [x.strip() for x in data.split(';')]
        if f[1] == 'Full_Composition_Exclusion':
            a, b = rng(f[0])
            exclusions.update(range(a, b + 1))
compose = sorted((first, second, cp) for cp, first, second in decomp if second and cp not in exclusions)
props = bytearray()
write_ranges(props, ranges(bidi))
write_ranges(props, ranges(jt))
write_ranges(props, ranges(ccc))
props += struct.pack('<I', len(decomp))
for cp, a, b in sorted(decomp):
    props += struct.pack('<III', cp, a, b)
props += struct.pack('<I', len(compose))
for a, b, cp in compose:
    props += struct.pack('<III', a, b, cp)
with open(os.path.join(here, 'unicode-props.bin'), 'wb') as f:
    f.write(props)
print('idna-mapping.bin', len(idna), 'bytes,', len(records), 'ranges; unicode-props.bin', len(props), 'bytes')
