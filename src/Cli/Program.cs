using System.CommandLine;
using SparseIhtVerify.Cli;

var root = new RootCommand("sparse-iht: recover sparse two-layer ReLU networks by iterative hard thresholding, and check the recovery guarantee's conditions (Fridovich-Keil & Pilanci, ICLR 2026).");
root.Subcommands.Add(RecoverCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(SweepCommand.Create());
return CommandLine.Run(root, args);
