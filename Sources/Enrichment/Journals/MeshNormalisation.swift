import Core
import Publications

/// MeSH headings once per descriptor: merged sources and repeated indexing list a descriptor twice, with
/// different qualifiers or major-topic flags.
public enum MeshNormalisation {
    /// The first heading of each descriptor (by its id when given, else its folded name), with the qualifiers of
    /// every repetition and major if any repetition says so.
    public static func deduplicated(_ headings: [MeshHeading]) -> [MeshHeading] {
        var kept: [MeshHeading] = []
        var index: [String: Int] = [:]
        for heading in headings {
            let key = heading.descriptorID ?? heading.descriptor.folded
            // A heading without id may repeat one with an id: the folded names meet too.
            guard let position = index[key] ?? index[heading.descriptor.folded] else {
                index[key] = kept.count
                index[heading.descriptor.folded] = kept.count
                kept.append(heading)
                continue
            }
            kept[position].isMajorTopic = kept[position].isMajorTopic || heading.isMajorTopic
            if kept[position].descriptorID == nil { kept[position].descriptorID = heading.descriptorID }
            for qualifier in heading.qualifiers {
                if let same = kept[position].qualifiers.firstIndex(where: { $0.name.folded == qualifier.name.folded }) {
                    kept[position].qualifiers[same].isMajorTopic = kept[position].qualifiers[same].isMajorTopic || qualifier.isMajorTopic
                } else {
                    kept[position].qualifiers.append(qualifier)
                }
            }
        }
        return kept
    }
}
