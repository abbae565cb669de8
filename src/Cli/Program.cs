using System.CommandLine;
using SparseIhtVerify.Cli;

var root = new RootCommand("sparse-iht: recover sparse two-layer ReLU networks by iterative hard thresholding, and check the recovery guarantee's conditions (Fridovich-Keil & Pilanci, ICLR 2026).");
foreach (Func<Command> create in CommandCatalogue.All)
{
    root.Subcommands.Add(create());
}

return CommandLine.Run(root, args);
