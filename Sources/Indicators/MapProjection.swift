import Foundation

/// A place on the globe, in degrees.
public struct GeoPoint: Hashable, Sendable, Codable {
    public var longitude: Double
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }
}

/// A place on a map, in the map's units: x to the right, y down, as SVG draws them.
public struct MapPoint: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// What a map of structures covers and how the globe is flattened onto it.
public enum MapView: String, Hashable, Sendable, Codable, CaseIterable {
    /// Metropolitan France and Corsica, equirectangular with the x scale of latitude 46.5°: little distortion
    /// over so small an area, and a map readers recognise.
    case france
    /// The whole world in the Equal Earth projection: areas kept, so that no continent looks bigger than it is.
    case world

    /// The map's size in its units; the SVG's view box.
    public var width: Double { self == .france ? 560 : 800 }
    public var height: Double {
        switch self {
        case .france: (Self.franceNorth - Self.franceSouth) / ((Self.franceEast - Self.franceWest) * Self.franceXScale) * width
        case .world: width * Self.equalEarthMaximumY / Self.equalEarthMaximumX
        }
    }

    static let franceWest = -5.4
    static let franceEast = 10.0
    static let franceSouth = 41.2
    static let franceNorth = 51.4
    static let franceXScale = cos(46.5 * Double.pi / 180)

    /// Where the place falls on the map; nil outside what the view covers.
    public func project(_ point: GeoPoint) -> MapPoint? {
        guard point.longitude.isFinite, point.latitude.isFinite, abs(point.latitude) <= 90, abs(point.longitude) <= 180 else { return nil }
        switch self {
        case .france:
            guard (Self.franceWest...Self.franceEast).contains(point.longitude), (Self.franceSouth...Self.franceNorth).contains(point.latitude)
            else { return nil }
            return MapPoint(
                x: (point.longitude - Self.franceWest) / (Self.franceEast - Self.franceWest) * width,
                y: (Self.franceNorth - point.latitude) / (Self.franceNorth - Self.franceSouth) * height)
        case .world:
            let (x, y) = Self.equalEarth(point)
            return MapPoint(
                x: (x + Self.equalEarthMaximumX) / (2 * Self.equalEarthMaximumX) * width,
                y: (Self.equalEarthMaximumY - y) / (2 * Self.equalEarthMaximumY) * height)
        }
    }

    /// Equal Earth (Šavrič, Patterson and Jenny, 2018) on the unit sphere.
    static func equalEarth(_ point: GeoPoint) -> (x: Double, y: Double) {
        let (a1, a2, a3, a4) = (1.340264, -0.081106, 0.000893, 0.003796)
        let lambda = point.longitude * Double.pi / 180
        let phi = point.latitude * Double.pi / 180
        let theta = asin(3.0.squareRoot() / 2 * sin(phi))
        let t2 = theta * theta
        let t6 = t2 * t2 * t2
        let x = 2 * 3.0.squareRoot() * lambda * cos(theta) / (3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1))
        let y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
        return (x, y)
    }

    static let equalEarthMaximumX = equalEarth(GeoPoint(longitude: 180, latitude: 0)).x
    static let equalEarthMaximumY = equalEarth(GeoPoint(longitude: 0, latitude: 90)).y

    /// The land drawn under the points, each outline a closed ring of places.
    public var outlines: [[GeoPoint]] { self == .france ? MapOutlines.france : MapOutlines.world }

    /// Lines of equal longitude and latitude, every 30°, each as a list of places to join; none for France,
    /// where they would only clutter.
    public var graticule: [[GeoPoint]] {
        guard self == .world else { return [] }
        let meridians = stride(from: -180.0, through: 180, by: 30).map { longitude in
            stride(from: -90.0, through: 90, by: 5).map { GeoPoint(longitude: longitude, latitude: $0) }
        }
        let parallels = stride(from: -60.0, through: 60, by: 30).map { latitude in
            stride(from: -180.0, through: 180, by: 5).map { GeoPoint(longitude: $0, latitude: latitude) }
        }
        return meridians + parallels
    }
}

/// Whether a point lies inside a polygon (even–odd rule): what tells whether a place falls on land as drawn.
public func isInside(_ point: MapPoint, polygon: [MapPoint]) -> Bool {
    var inside = false
    var previous = polygon.last
    for vertex in polygon {
        defer { previous = vertex }
        guard let last = previous else { continue }
        if (vertex.y > point.y) != (last.y > point.y) {
            let crossing = (last.x - vertex.x) * (point.y - vertex.y) / (last.y - vertex.y) + vertex.x
            if point.x < crossing { inside.toggle() }
        }
    }
    return inside
}
