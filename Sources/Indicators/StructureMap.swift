import Search

/// The structures of a result set placed on a map: each matched organisation with coordinates once, with the
/// publications naming it, projected for one view.
///
/// Built by `StructureMap(documents:view:clusters:)` in one pass; the web layer draws it (`MapSVG`).
public struct StructureMap: Hashable, Sendable, Codable {
    public struct Point: Hashable, Sendable, Codable {
        /// The organisation's registry id (`https://ror.org/…`).
        public var id: String
        public var name: String
        public var city: String?
        public var country: String?
        public var place: GeoPoint
        /// Where it falls on the view.
        public var position: MapPoint
        public var publications: Int
        /// Its cluster in the collaboration network between structures, from 1; nil when not among its nodes.
        public var cluster: Int?

        public init(
            id: String, name: String, city: String?, country: String?, place: GeoPoint, position: MapPoint, publications: Int, cluster: Int?
        ) {
            self.id = id
            self.name = name
            self.city = city
            self.country = country
            self.place = place
            self.position = position
            self.publications = publications
            self.cluster = cluster
        }
    }

    public var view: MapView
    /// Most publications first, ties by id.
    public var points: [Point]
    /// Matched organisations with coordinates that fall outside the view (abroad, overseas France).
    public var outside: Int
    /// Matched organisations the registry gives no coordinates for.
    public var unplaced: Int

    public init(view: MapView, points: [Point], outside: Int, unplaced: Int) {
        self.view = view
        self.points = points
        self.outside = outside
        self.unplaced = unplaced
    }

    /// The largest publication count, which sizes the biggest point.
    public var maximumPublications: Int { points.first?.publications ?? 0 }

    /// A point's radius in map units: its area, not its radius, grows with its publications, so that a
    /// structure with four times the publications does not look sixteen times bigger.
    public func radius(of point: Point, smallest: Double = 2.5, largest: Double = 16) -> Double {
        guard maximumPublications > 0 else { return smallest }
        return smallest + (largest - smallest) * (Double(point.publications) / Double(maximumPublications)).squareRoot()
    }
}

extension StructureMap {
    /// The map of `documents` on `view`; `clusters` colours the points by their cluster in the structures'
    /// collaboration network (`CollaborationNetwork.Node.key` to cluster).
    public init(documents: some Sequence<SearchDocument>, view: MapView, clusters: [String: Int] = [:]) {
        var counts: [String: Int] = [:]
        var firstSeen: [String: DocumentOrganisation] = [:]
        for document in documents {
            for organisation in document.organisations {
                counts[organisation.id, default: 0] += 1
                if firstSeen[organisation.id] == nil { firstSeen[organisation.id] = organisation }
            }
        }
        var points: [Point] = []
        var outside = 0
        var unplaced = 0
        for (id, organisation) in firstSeen {
            guard let latitude = organisation.latitude, let longitude = organisation.longitude else {
                unplaced += 1
                continue
            }
            let place = GeoPoint(longitude: longitude, latitude: latitude)
            guard let position = view.project(place) else {
                outside += 1
                continue
            }
            points.append(
                Point(
                    id: id, name: organisation.name, city: organisation.city, country: organisation.country, place: place, position: position,
                    publications: counts[id] ?? 0, cluster: clusters[id]))
        }
        points.sort { $0.publications != $1.publications ? $0.publications > $1.publications : $0.id < $1.id }
        self.init(view: view, points: points, outside: outside, unplaced: unplaced)
    }
}
