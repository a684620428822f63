// `skillradar serve` (the CLI execs this binary with the arguments after `serve`).
import SkillServe

await ServeCommand.launch()
