import ArgumentParser
import Foundation
import SkillPipeline

/// `skillradar serve`: the query service, and its upload keys.
@available(macOS 10.15, *)
public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "skillradar serve",
        abstract: "Serve a store: JSON API under /api/v1, pages for people, programme uploads.",
        discussion: """
        The store is read-only for queries (analyze may write meanwhile); uploads (POST /api/v1/supply, with a \
        bearer key from `skillradar serve keys add NAME --keys FILE`) are analysed as supply into it. \
        Stops cleanly on SIGINT or SIGTERM.
        """,
        subcommands: [Start.self, Keys.self], defaultSubcommand: Start.self)

    public init() {}

    /// Parses the arguments and runs the chosen subcommand, exiting with ArgumentParser's codes on error.
    public static func launch() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Start the service (the default).")
        @Option(help: "SQLite database file (created by `analyze`).") var db: String
        @Option(help: "Address to listen on.") var host = "127.0.0.1"
        @Option(help: "Port (0: any free port; the one chosen is printed).") var port = 8080
        @Option(help: "Upload keys file (`keys add`); without it uploads are refused.") var keys: String?
        @Option(help: "Where uploaded catalogues are kept (default: DB.uploads).") var uploads: String?
        @Option(help: "Taxonomy directory for uploads and new terms (default: the shipped one).") var taxonomy: String?
        @Option(help: "Directory laid out like ../shared/data (ESCO relations, for occupation gaps).") var data: String?
        @Option(help: "Largest upload in bytes.") var maxUpload = 10 << 20

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be in 0...65535") }
            guard maxUpload >= 1_024 else { throw ValidationError("--max-upload must be at least 1024") }
        }

        func run() async throws {
            var c = ServeConfiguration(database: db)
            (c.host, c.port, c.keysFile, c.uploadDirectory, c.taxonomyDirectory) = (host, port, keys, uploads, taxonomy)
            c.maxUploadBytes = maxUpload
            c.dataDirectory = sharedDataDirectory(data)
            let server: Server
            do { server = try Server(c) } catch { throw ValidationError("\(error)") }
            try await server.run { host, port in
                FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
            }
            print("stopped")
        }
    }

    struct Keys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Upload keys.", subcommands: [Add.self, List.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a key; it is printed once and stored only as a salted hash.")
            @Argument(help: "The key's name (who uses it).") var name: String
            @Option(help: "Keys file (created when missing).") var keys: String

            func run() async throws {
                var k = try APIKeys(path: keys)
                print(try k.add(name: name))
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the keys' names and creation times.")
            @Option(help: "Keys file.") var keys: String

            func run() async throws {
                for e in try APIKeys(path: keys).entries { print(e.name + "\t" + e.created) }
            }
        }
    }
}
