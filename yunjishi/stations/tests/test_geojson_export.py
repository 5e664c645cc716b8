from yunjishi.stations import exports
from yunjishi.stations.models import Station


def test_geojson_puts_longitude_first_and_lists_services(make_station):
    station = make_station(lat=24.4798, lon=118.0894, services_=["热饭", "如厕"])
    collection = exports.geojson(Station.objects.all())
    (feature,) = collection["features"]
    assert collection["type"] == "FeatureCollection"
    assert feature["geometry"] == {"type": "Point", "coordinates": [118.0894, 24.4798]}
    assert feature["properties"]["code"] == station.code
    assert feature["properties"]["services"] == ["热饭", "如厕"]
    assert feature["properties"]["hours"]["mon"] == "00:00-24:00"
