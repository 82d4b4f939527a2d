#!/usr/bin/env python3
"""Writes the import fixtures of tests/hubsim (run from anywhere; output is
committed, so tests never need Python):

  dirty_events.csv / .geojson / .expected.tsv
      several dozen rows with the dirt real lists have (size columns named
      three ways, date-only starts, fractional, null and zero sizes, (0, 0)
      geocodes, duplicates, hostile strings), the same logical rows in both
      formats, and what the importer must make of each row;
  public_list.csv / .geojson / .expected.json
      a several-hundred-row list shaped like a public day-of-action list
      compiled by volunteers (places are real ZIP centroids from
      resources/data/zips.csv; titles, sizes and dirt are generated with a
      fixed seed), with the counts the importer must report.
"""
import csv
import io
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))

PLACES = {
    "nyc": ("New York", "NY", "10007", 40.7128, -74.0060),
    "bos": ("Boston", "MA", "02108", 42.3601, -71.0589),
    "cam": ("Cambridge", "MA", "02139", 42.3736, -71.1097),
    "phl": ("Philadelphia", "PA", "19107", 39.9526, -75.1652),
    "chi": ("Chicago", "IL", "60602", 41.8781, -87.6298),
    "aus": ("Austin", "TX", "78701", 30.2672, -97.7431),
    "den": ("Denver", "CO", "80202", 39.7392, -104.9903),
    "phx": ("Phoenix", "AZ", "85004", 33.4484, -112.0740),
    "sea": ("Seattle", "WA", "98104", 47.6062, -122.3321),
    "pdx": ("Portland", "OR", "97204", 45.5152, -122.6784),
    "sfo": ("San Francisco", "CA", "94102", 37.7749, -122.4194),
    "lax": ("Los Angeles", "CA", "90012", 34.0522, -118.2437),
    "atl": ("Atlanta", "GA", "30303", 33.7490, -84.3880),
    "mia": ("Miami", "FL", "33130", 25.7617, -80.1918),
    "msp": ("Minneapolis", "MN", "55401", 44.9778, -93.2650),
    "msn": ("Madison", "WI", "53703", 43.0731, -89.4012),
    "anc": ("Anchorage", "AK", "99501", 61.2181, -149.9003),
    "hnl": ("Honolulu", "HI", "96813", 21.3069, -157.8583),
    "dsm": ("Des Moines", "IA", "50309", 41.5868, -93.6250),
    "ral": ("Raleigh", "NC", "27601", 35.7796, -78.6382),
    "slc": ("Salt Lake City", "UT", "84101", 40.7608, -111.8910),
    "abq": ("Albuquerque", "NM", "87102", 35.0844, -106.6504),
    "bna": ("Nashville", "TN", "37201", 36.1627, -86.7816),
    "btv": ("Burlington", "VT", "05401", 44.4759, -73.2121),
    "pvd": ("Providence", "RI", "02903", 41.8240, -71.4128),
}

LONG_TITLE = "March " + "for science " * 60  # 666 characters: shortened to 500


def row(place, title, date="2017-04-22", time="", size=None, size_col="size", expect=("ok", ""), **kw):
    city, state, zip_, lat, lng = PLACES[place] if place else ("", "", "", None, None)
    r = {"title": title, "date": date, "time": time, "size": size, "size_col": size_col, "city": city,
         "state": state, "zip": zip_, "lat": lat, "lng": lng, "venue": "", "host": "", "email": "",
         "notes": "", "expect": expect}
    r.update(kw)
    return r


# Every logical row once; expect = (kind, substring of the reported reason).
DIRTY = [
    row("nyc", "March for Science NYC", size=5000),
    row("bos", "Boston March for Science", size="12.5", expect=("ok", "")),  # rounded to 13
    row("cam", "Cambridge Teach-in", time="18:00", size=None, venue="Town Hall", host="Priya Patel",
        email="priya@example.org"),
    row("phl", "Philly Rally", size="null"),
    row("chi", "Chicago Science March", size=0, expect=("warning", "size 0 is not a size")),
    row("aus", "Austin Rally", size=-5, expect=("warning", "size -5 is not a size")),
    row("den", "Denver March", size="about 200", size_col="capacity"),
    row("phx", "Phoenix Rally", size="1,200", size_col="attendees"),
    row("sea", "Seattle March", size="50-100"),
    row("pdx", "Portland March", size="lots", expect=("warning", "is not a number")),
    row("sfo", "SF Rally", size=300.4, size_col="capacity"),
    row("lax", "LA Rally", size=None, size_col="attendees"),
    row("atl", "Atlanta Rally", size=80),
    row("mia", "Miami Rally", size=40, lat=0, lng=0, zip="",
        expect=("rejected", "(0, 0), a failed geocode and no ZIP")),
    row("cam", "Null Island with a ZIP", size=40, lat=0, lng=0, expect=("warning", "placed at the centre of ZIP 02139")),
    row("msp", "Too far north", size=10, lat=91.5, zip="", expect=("rejected", "out of range")),
    row("msn", "Lost west, has ZIP", size=10, lng=-200.0, expect=("warning", "placed at the centre of ZIP 53703")),
    row("anc", "No coordinates, no ZIP", size=10, lat=None, lng=None, zip="",
        expect=("rejected", "missing coordinates and no ZIP")),
    row("btv", "Excel ate the zero", size=10, lat=None, lng=None, zip="5401",
        expect=("warning", "placed at the centre of ZIP 05401")),
    row("hnl", "Bad ZIP too", size=10, lat=None, lng=None, zip="99999",
        expect=("rejected", "is not a known US ZIP")),
    row("dsm", "", size=10, expect=("rejected", "missing title")),
    row("ral", "No date", date="", size=10, expect=("rejected", "missing start date")),
    row("slc", "Some day", date="next tuesday", size=10, expect=("rejected", "unreadable start")),
    row("abq", "Albuquerque Rally", date="4/22/2017", size=60),
    row("bna", "Nashville Rally", date="2017-04-22T10:00:00-05:00", size=70),
    row("nyc", "March for Science NYC", size=5000, expect=("duplicate", "same title, place and day as row 1")),
    row("nyc", "MARCH FOR SCIENCE  nyc", time="11:00", size=4000,
        expect=("duplicate", "same title, place and day as row 1")),
    row("nyc", "March for Science NYC", date="2017-04-23", size=100),  # next day: not a duplicate
    row("pvd", "Robert'); DROP TABLE events;--", size=12),
    row("pvd", "<script>alert('x')</script>", size=13),
    row("pvd", '=HYPERLINK("http://evil.example","click")', size=14),
    row("pvd", "+cmd|' /C calc'!A0", size=15),
    row("pvd", "@SUM(1+1)", size=16),
    row("pvd", "\x1b[31mred alert\x1b[0m", size=17),
    row("pvd", "Two\nlines", size=18),
    row("pvd", "\u202eevil bidi", size=19),
    row("sfo", "Rally \U0001F30D with emoji", size=20),
    row("lax", LONG_TITLE, size=21, expect=("warning", "shortened to 500")),
    row("aus", "State spelled out", size=22, state="Texas", expect=("warning", "used TX from the location")),
    row("den", "Denver teach-in", time="7 PM", size=23),
    row("sea", "Seattle vigil", size=24, host="Chen Lee", email="chen@example.org"),
    row("chi", "Chicago canvass", size=25, host="Jamal Brown"),
    row("atl", "Atlanta phone bank", size=26, email="bank@example.org"),
    row("mia", "Miami beach clean-up", size="~35"),
    row("msp", "Twin Cities rally", size=36, lat="abc", zip="", expect=("rejected", "coordinates are not numbers")),
    row("hnl", "Honolulu rally", size=37),
    row("anc", "Anchorage rally", size=38.5),
    row("bna", "Nashville teach-in", size="n/a"),
    row("ral", "Raleigh rally", size=39, notes="=cmd formula in an ignored column"),
    row("btv", "Burlington rally", size=40),
    row("pvd", '=HYPERLINK("http://evil.example")\x1b[2J<b>x</b>', size=41, lat=0, lng=0, zip="",
        expect=("rejected", "(0, 0)")),
]


def csv_cell(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v)
    return str(v)


def write_dirty():
    header = ["Event Name", "Date", "Start Time", "Capacity", "Expected Attendance", "attendees", "Lat", "Lng",
              "City", "State", "ZIP", "Venue", "Host", "Host Email", "Notes"]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    expected = []
    for i, r in enumerate(DIRTY, 1):
        sizes = {"capacity": "", "size": "", "attendees": ""}
        sizes[r["size_col"]] = csv_cell(r["size"])
        w.writerow([r["title"], r["date"], r["time"], sizes["capacity"], sizes["size"], sizes["attendees"],
                    csv_cell(r["lat"]), csv_cell(r["lng"]), r["city"], r["state"], r["zip"], r["venue"], r["host"],
                    r["email"], r["notes"]])
        expected.append((i, r["expect"][0], r["expect"][1]))
    # CSV only: a row with a stray comma too many.
    out.write('Broken row,2017-04-22,,,10,,40.1,-75.1,X,PA,,,,,,extra\n')
    expected.append((len(DIRTY) + 1, "rejected", "has 16 fields, the header has 15"))
    with open(os.path.join(HERE, "dirty_events.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())
    with open(os.path.join(HERE, "dirty_events.csv.expected.tsv"), "w", encoding="utf-8") as f:
        for e in expected:
            f.write("%d\t%s\t%s\n" % e)

    features = []
    expected = []
    for i, r in enumerate(DIRTY, 1):
        props = {}
        # GeoJSON from merged sources: key names differ from feature to feature.
        props["title" if i % 3 else "name"] = r["title"] if r["title"] else None
        if r["time"]:
            props["date"] = r["date"]
            props["start_time"] = r["time"]
        else:
            props["starts_at" if i % 4 == 0 else "date"] = r["date"]
        size_key = {"size": "size", "capacity": "capacity", "attendees": "max_attendees"}[r["size_col"]]
        size = r["size"]
        if isinstance(size, str):
            try:
                size = float(size) if "." in size else int(size)
            except ValueError:
                pass
        if size == "null":
            size = None
        props[size_key] = size
        for k in ("city", "state", "venue", "notes"):
            if r[k]:
                props[k] = r[k]
        if r["zip"]:
            props["postal_code" if i % 2 else "zip"] = r["zip"]
        if r["host"]:
            props["host"] = r["host"]
        if r["email"]:
            props["host_email"] = r["email"]
        lat, lng = r["lat"], r["lng"]
        geometry = None
        if lat is not None and lng is not None:
            geometry = {"type": "Point", "coordinates": [lng, lat]}
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
        reason = r["expect"][1]
        if r["expect"][0] == "rejected" and "not numbers" in reason:
            reason = "missing coordinates (Point without two numbers)"
        expected.append((i, r["expect"][0], reason))
    n = len(DIRTY)
    # GeoJSON only: a line is no event location; lat/lon as properties when
    # the geometry is null; a NUL character PostgreSQL cannot store.
    features.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[-75, 40], [-74, 41]]},
                     "properties": {"title": "March route", "date": "2017-04-22"}})
    expected.append((n + 1, "rejected", "geometry is LineString, not a Point"))
    features.append({"type": "Feature", "geometry": None,
                     "properties": {"title": "Properties only", "date": "2017-04-22", "lat": 39.29, "lon": -76.61,
                                    "size": 44, "state": "MD"}})
    expected.append((n + 2, "ok", ""))
    features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [-77.0365, 38.8977]},
                     "properties": {"title": "NUL in the description", "date": "2017-04-22",
                                    "description": "before\u0000after", "state": "DC",
                                    "timezone": "Mars/Olympus"}})
    expected.append((n + 3, "warning", "NUL characters removed"))
    with open(os.path.join(HERE, "dirty_events.geojson"), "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(HERE, "dirty_events.geojson.expected.tsv"), "w", encoding="utf-8") as f:
        for e in expected:
            f.write("%d\t%s\t%s\n" % e)


THEMES = ["Tax March", "March for Science", "People's Climate March", "Town Hall Rally", "Solidarity Vigil",
          "Indivisible Rally", "Families Belong Together", "Women's March"]
VENUES = ["City Hall", "Courthouse steps", "Town Green", "Main Street Park", "Federal Building", "Public Library",
          "State Capitol", "Riverside Park"]


def write_public_list(n=600):
    rng = random.Random(2017)
    places = []
    with open(os.path.join(ROOT, "resources", "data", "zips.csv"), encoding="utf-8") as f:
        for z in csv.DictReader(f):
            if z["kind"] != "P":
                places.append(z)
    rows = []
    stats = {"rows": n, "imported": 0, "rejected": 0, "duplicates": 0, "all_day": 0, "placed_by_zip": 0,
             "without_size": 0}
    seen = []
    for i in range(1, n + 1):
        if seen and rng.random() < 0.03:
            # The same event sent in by two partner groups.
            dup = dict(rng.choice(seen))
            dup["size"] = rng.choice([dup["size"], "", "100"])
            rows.append(dup)
            stats["duplicates"] += 1
            continue
        p = rng.choice(places)
        r = {"title": "%s — %s" % (rng.choice(THEMES), p["city"]), "date": "2017-04-15", "time": "",
             "lat": "%.5f" % (float(p["lat"]) + rng.uniform(-0.01, 0.01)),
             "lng": "%.5f" % (float(p["lng"]) + rng.uniform(-0.01, 0.01)), "city": p["city"],
             "state": p["state"], "zip": p["zip"], "venue": rng.choice(VENUES), "size": ""}
        u = rng.random()
        r["size"] = ("" if u < 0.25 else "%.1f" % rng.uniform(5, 400) if u < 0.45 else "0" if u < 0.48
                     else str(rng.randint(10, 5000)))
        if rng.random() < 0.15:
            r["time"] = rng.choice(["10:00", "12:00", "1:00 PM", "14:30"])
        dirt = rng.random()
        usable = True
        if dirt < 0.04:  # failed geocode, no ZIP to fall back on
            r["lat"], r["lng"], r["zip"] = "0", "0", ""
            usable = False
        elif dirt < 0.06:  # failed geocode, ZIP given
            r["lat"], r["lng"] = "0", "0"
            stats["placed_by_zip"] += 1
        elif dirt < 0.075:  # no coordinates at all
            r["lat"], r["lng"], r["zip"] = "", "", ""
            usable = False
        # Titles are unique per row (a site number), so duplicates are only the copies above.
        r["title"] += " #%d" % i
        rows.append(r)
        if usable:
            seen.append(r)
            stats["imported"] += 1
            stats["all_day"] += 0 if r["time"] else 1
            stats["without_size"] += 1 if r["size"] in ("", "0") else 0
        else:
            stats["rejected"] += 1
    header = ["name", "date", "time", "estimated_size", "latitude", "longitude", "city", "state", "zip", "location"]
    with open(os.path.join(HERE, "public_list.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r["title"], r["date"], r["time"], r["size"], r["lat"], r["lng"], r["city"], r["state"],
                        r["zip"], r["venue"]])
    features = []
    for r in rows:
        props = {"title": r["title"], "date": r["date"], "city": r["city"], "state": r["state"],
                 "zip": r["zip"] or None, "venue": r["venue"],
                 "size": (float(r["size"]) if "." in r["size"] else int(r["size"])) if r["size"] else None}
        if r["time"]:
            props["time"] = r["time"]
        geometry = ({"type": "Point", "coordinates": [float(r["lng"]), float(r["lat"])]} if r["lat"] else None)
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    with open(os.path.join(HERE, "public_list.geojson"), "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(HERE, "public_list.expected.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    write_dirty()
    write_public_list()
