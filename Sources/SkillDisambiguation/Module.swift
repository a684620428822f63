// SkillDisambiguation: placeholder so the target builds; replaced by the module's code.
enum SkillDisambiguationModule {}
