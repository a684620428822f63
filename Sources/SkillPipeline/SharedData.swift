import Foundation

/// The directory laid out like `../shared/data` (ESCO, O*NET, gold data): `explicit`, else
/// `$SKILLRADAR_SHARED_DATA` when set and non-empty, else `../shared/data`.
public func sharedDataDirectory(_ explicit: String?) -> String {
    if let explicit { return explicit }
    if let env = ProcessInfo.processInfo.environment["SKILLRADAR_SHARED_DATA"], !env.isEmpty { return env }
    return "../shared/data"
}
