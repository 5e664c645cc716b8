"""Distances, the search grid, GCJ-02 for Chinese map tiles and navigation links.

Coordinates are stored in WGS-84 (what a phone's GPS gives). 高德 and 腾讯 tiles and URIs
use GCJ-02, 百度 uses BD-09 but accepts ``coord_type=wgs84`` in its URI, so only the map
and the 高德 link need a conversion.
"""

import math
from urllib.parse import quote, urlencode

EARTH_RADIUS_M = 6_371_008.8  # mean radius; brute force and the search use the same one

# The search grid: cells of CELL_DEG × CELL_DEG degrees, numbered row by row so that a
# row of cells is one range of numbers (see ``search``).
CELL_DEG = 0.01
ROWS = int(round(180 / CELL_DEG)) + 1
COLUMNS = int(round(360 / CELL_DEG))
ROW_WIDTH = 40_000  # > COLUMNS: a row's numbers never run into the next row's


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def cell_row(lat: float) -> int:
    return min(ROWS - 1, max(0, int(math.floor((lat + 90.0) / CELL_DEG))))


def cell_column(lon: float) -> int:
    return int(math.floor((lon + 180.0) / CELL_DEG)) % COLUMNS


def cell_of(lat: float, lon: float) -> int:
    return cell_row(lat) * ROW_WIDTH + cell_column(lon)


def outside_bound_m(lat: float, lon: float, row: int, column: int, radius: int) -> float:
    """A lower bound of the distance from (lat, lon) to any point outside the square of
    cells within ``radius`` of (row, column): such a point lies beyond the square's
    latitude edges (distance ≥ R·Δφ) or beyond one of its bounding meridians (distance ≥
    R·asin(cos φ · sin Δλ), the distance to that meridian's great circle)."""
    south = (row - radius) * CELL_DEG - 90.0
    north = (row + radius + 1) * CELL_DEG - 90.0
    west = (column - radius) * CELL_DEG - 180.0
    east = (column + radius + 1) * CELL_DEG - 180.0
    bounds = []
    # A square edge beyond a pole has nothing outside it on that side.
    if south > -90.0:
        bounds.append(math.radians(lat - south))
    if north < 90.0:
        bounds.append(math.radians(north - lat))
    if 2 * radius + 1 < COLUMNS:
        dlon = math.radians(min(lon - west, east - lon, 90.0))
        bounds.append(math.asin(math.cos(math.radians(lat)) * math.sin(dlon)))
    if not bounds:
        return math.inf
    # Shave a millimetre for floating-point rounding: the rule stays on the safe side.
    return max(0.0, min(bounds) * EARTH_RADIUS_M - 0.001)


# --- GCJ-02 -------------------------------------------------------------------------------

_A = 6378245.0
_EE = 0.00669342162296594323


def outside_china(lat: float, lon: float) -> bool:
    return not (73.66 < lon < 135.05 and 3.86 < lat < 53.55)


def _transform_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    """The published GCJ-02 offset (accurate to a metre or so); unchanged outside China."""
    if outside_china(lat, lon):
        return lat, lon
    dlat = _transform_lat(lon - 105.0, lat - 35.0)
    dlon = _transform_lon(lon - 105.0, lat - 35.0)
    radlat = math.radians(lat)
    magic = 1 - _EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * math.cos(radlat) * math.pi)
    return lat + dlat, lon + dlon


# --- Navigation links ---------------------------------------------------------------------


def amap_url(lat: float, lon: float, name: str) -> str:
    """高德 URI (opens the app, or the web map): GCJ-02 coordinates."""
    glat, glon = wgs84_to_gcj02(lat, lon)
    query = urlencode(
        {
            "position": f"{glon:.6f},{glat:.6f}",
            "name": name,
            "src": "yunjishi",
            "coordinate": "gaode",
            "callnative": "1",
        },
        quote_via=quote,
    )
    return f"https://uri.amap.com/marker?{query}"


def baidu_url(lat: float, lon: float, name: str) -> str:
    """百度 URI: it converts WGS-84 itself when told ``coord_type=wgs84``."""
    query = urlencode(
        {
            "location": f"{lat:.6f},{lon:.6f}",
            "title": name,
            "content": name,
            "coord_type": "wgs84",
            "output": "html",
            "src": "webapp.yunjishi",
        },
        quote_via=quote,
    )
    return f"https://api.map.baidu.com/marker?{query}"


def format_distance(metres: float) -> str:
    if metres < 1000:
        return f"{int(round(metres))} m"
    return f"{metres / 1000:.1f} km"
