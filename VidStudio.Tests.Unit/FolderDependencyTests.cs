using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using VidStudio.Core;
using VidStudio.Web.Jobs;

namespace VidStudio.Tests.Unit;

/// <summary>
/// The README promises folders that depend one way. A folder is a namespace one level under VidStudio.Core or
/// VidStudio.Web (sub-namespaces belong to it); folder A depends on B when any type of A mentions a type of B. The
/// mentions are read from the compiled metadata and IL, so a qualified name (<c>Webhooks.WebhookAddressPolicy</c>)
/// counts as much as a <c>using</c>, and an unused <c>using</c> counts not at all. What the compiler folds away leaves
/// no trace: a <c>const</c> (its value is copied), <c>nameof</c> and doc comments.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FolderDependencyTests
{
    private static readonly string[] Products = ["VidStudio.Core", "VidStudio.Web"];

    [Fact]
    public void No_folder_depends_on_itself_through_others()
    {
        var edges = new Dictionary<(string From, string To), SortedSet<string>>();
        foreach (var assembly in new[] { typeof(ByteSize).Assembly, typeof(JobQueries).Assembly })
        {
            foreach (var (from, to) in TypeReferences(assembly.Location))
            {
                if (FolderOf(from) is { } fromFolder && FolderOf(to) is { } toFolder && fromFolder != toFolder)
                {
                    var examples = edges.TryGetValue((fromFolder, toFolder), out var found) ? found : edges[(fromFolder, toFolder)] = [];
                    examples.Add($"{from} → {to}");
                }
            }
        }

        var cycles = StronglyConnected(edges.Keys).Where(folders => folders.Count > 1).Select(folders => Describe(folders, ShortestCycle(folders, edges.Keys), edges)).ToList();
        Assert.True(cycles.Count == 0, $"Folders that depend on each other:\n\n{string.Join("\n\n", cycles)}");
    }

    /// <summary>The folder of a type's namespace: "VidStudio.Web.Jobs" for VidStudio.Web.Jobs.Internal.X; the product's root namespace is a folder of its own.</summary>
    private static string? FolderOf(string typeName)
    {
        foreach (var product in Products)
        {
            if (typeName.StartsWith(product + ".", StringComparison.Ordinal))
            {
                var rest = typeName[(product.Length + 1)..].Split('.');
                return rest.Length == 1 ? product : $"{product}.{rest[0]}";
            }
        }

        return null;
    }

    /// <summary>Every (top-level type, top-level type it mentions) pair of the assembly; nested and compiler-generated types speak for their outermost type.</summary>
    private static IEnumerable<(string From, string To)> TypeReferences(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var reader = pe.GetMetadataReader();
        var names = new TypeNames(reader);
        foreach (var handle in reader.TypeDefinitions)
        {
            var from = names.Of(handle);
            var type = reader.GetTypeDefinition(handle);
            var mentioned = new List<string>();
            mentioned.AddRange(names.In(type.BaseType));
            mentioned.AddRange(type.GetInterfaceImplementations().SelectMany(i => names.In(reader.GetInterfaceImplementation(i).Interface)));
            mentioned.AddRange(Attributes(reader, names, type.GetCustomAttributes()));
            mentioned.AddRange(type.GetGenericParameters().SelectMany(p => Constraints(reader, names, p)));
            foreach (var fieldHandle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                mentioned.AddRange(field.DecodeSignature(names, null));
                mentioned.AddRange(Attributes(reader, names, field.GetCustomAttributes()));
            }

            foreach (var propertyHandle in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(propertyHandle);
                mentioned.AddRange(Flatten(property.DecodeSignature(names, null)));
                mentioned.AddRange(Attributes(reader, names, property.GetCustomAttributes()));
            }

            foreach (var eventHandle in type.GetEvents())
            {
                mentioned.AddRange(names.In(reader.GetEventDefinition(eventHandle).Type));
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                mentioned.AddRange(Flatten(method.DecodeSignature(names, null)));
                mentioned.AddRange(Attributes(reader, names, method.GetCustomAttributes()));
                mentioned.AddRange(method.GetParameters().SelectMany(p => Attributes(reader, names, reader.GetParameter(p).GetCustomAttributes())));
                mentioned.AddRange(method.GetGenericParameters().SelectMany(p => Constraints(reader, names, p)));
                if (method.RelativeVirtualAddress != 0)
                {
                    mentioned.AddRange(InBody(pe.GetMethodBody(method.RelativeVirtualAddress), reader, names));
                }
            }

            foreach (var to in mentioned.Distinct())
            {
                yield return (from, to);
            }
        }
    }

    private static IEnumerable<string> InBody(MethodBodyBlock body, MetadataReader reader, TypeNames names)
    {
        if (!body.LocalSignature.IsNil)
        {
            foreach (var local in reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(names, null))
            {
                foreach (var name in local)
                {
                    yield return name;
                }
            }
        }

        foreach (var region in body.ExceptionRegions.Where(r => !r.CatchType.IsNil))
        {
            foreach (var name in names.In(region.CatchType))
            {
                yield return name;
            }
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            int code = il.ReadByte();
            if (code == 0xFE)
            {
                code = 0xFE00 | il.ReadByte();
            }

            switch (OperandTypes[(short)code])
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    foreach (var name in names.In(MetadataTokens.EntityHandle(il.ReadInt32())))
                    {
                        yield return name;
                    }

                    break;
                case OperandType.InlineSwitch:
                    // The count is read first: `il.Offset += 4 * il.ReadInt32()` takes the offset before the read moves it, lands
                    // 4 bytes short inside the jump table, and reads the rest of the method out of step.
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case var other:
                    il.Offset += OperandSize(other);
                    break;
            }
        }
    }

    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value, o => o.OperandType);

    private static int OperandSize(OperandType type) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private static IEnumerable<string> Attributes(MetadataReader reader, TypeNames names, CustomAttributeHandleCollection attributes) =>
        attributes.SelectMany(a => names.In(reader.GetCustomAttribute(a).Constructor));

    private static IEnumerable<string> Constraints(MetadataReader reader, TypeNames names, GenericParameterHandle parameter) =>
        reader.GetGenericParameter(parameter).GetConstraints().SelectMany(c => names.In(reader.GetGenericParameterConstraint(c).Type));

    private static IEnumerable<string> Flatten(MethodSignature<IReadOnlyList<string>> signature) =>
        signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(p => p));

    /// <summary>Full names of the top-level types a handle or signature mentions (generic arguments included).</summary>
    private sealed class TypeNames(MetadataReader reader) : ISignatureTypeProvider<IReadOnlyList<string>, object?>
    {
        public string Of(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            return type.GetDeclaringType() is { IsNil: false } outer ? Of(outer) : Join(type.Namespace, type.Name);
        }

        private string Of(TypeReferenceHandle handle)
        {
            var type = reader.GetTypeReference(handle);
            return type.ResolutionScope.Kind == HandleKind.TypeReference ? Of((TypeReferenceHandle)type.ResolutionScope) : Join(type.Namespace, type.Name);
        }

        private string Join(StringHandle ns, StringHandle name) => ns.IsNil ? reader.GetString(name) : $"{reader.GetString(ns)}.{reader.GetString(name)}";

        public IReadOnlyList<string> In(EntityHandle handle) => handle.IsNil ? [] : handle.Kind switch
        {
            HandleKind.TypeDefinition => [Of((TypeDefinitionHandle)handle)],
            HandleKind.TypeReference => [Of((TypeReferenceHandle)handle)],
            HandleKind.TypeSpecification => reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null),
            HandleKind.FieldDefinition => [Of(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType())],
            HandleKind.MethodDefinition => [Of(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType())],
            HandleKind.MemberReference => In(reader.GetMemberReference((MemberReferenceHandle)handle).Parent),
            HandleKind.MethodSpecification => MethodSpecification((MethodSpecificationHandle)handle),
            _ => [],
        };

        private IReadOnlyList<string> MethodSpecification(MethodSpecificationHandle handle)
        {
            var specification = reader.GetMethodSpecification(handle);
            return [.. In(specification.Method), .. specification.DecodeSignature(this, null).SelectMany(a => a)];
        }

        public IReadOnlyList<string> GetTypeFromDefinition(MetadataReader metadata, TypeDefinitionHandle handle, byte rawTypeKind) => [Of(handle)];

        public IReadOnlyList<string> GetTypeFromReference(MetadataReader metadata, TypeReferenceHandle handle, byte rawTypeKind) => [Of(handle)];

        public IReadOnlyList<string> GetTypeFromSpecification(MetadataReader metadata, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            In(handle);

        public IReadOnlyList<string> GetGenericInstantiation(IReadOnlyList<string> genericType, ImmutableArray<IReadOnlyList<string>> typeArguments) =>
            [.. genericType, .. typeArguments.SelectMany(a => a)];

        public IReadOnlyList<string> GetFunctionPointerType(MethodSignature<IReadOnlyList<string>> signature) => [.. Flatten(signature)];

        public IReadOnlyList<string> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

        public IReadOnlyList<string> GetGenericMethodParameter(object? genericContext, int index) => [];

        public IReadOnlyList<string> GetGenericTypeParameter(object? genericContext, int index) => [];

        public IReadOnlyList<string> GetSZArrayType(IReadOnlyList<string> elementType) => elementType;

        public IReadOnlyList<string> GetArrayType(IReadOnlyList<string> elementType, ArrayShape shape) => elementType;

        public IReadOnlyList<string> GetByReferenceType(IReadOnlyList<string> elementType) => elementType;

        public IReadOnlyList<string> GetPointerType(IReadOnlyList<string> elementType) => elementType;

        public IReadOnlyList<string> GetPinnedType(IReadOnlyList<string> elementType) => elementType;

        public IReadOnlyList<string> GetModifiedType(IReadOnlyList<string> modifier, IReadOnlyList<string> unmodifiedType, bool isRequired) => unmodifiedType;
    }

    /// <summary>Tarjan's strongly connected components: each is a set of folders that all reach each other.</summary>
    private static List<HashSet<string>> StronglyConnected(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var (index, lowLink, onStack, stack, components) = (new Dictionary<string, int>(), new Dictionary<string, int>(), new HashSet<string>(), new Stack<string>(), new List<HashSet<string>>());
        void Visit(string folder)
        {
            index[folder] = lowLink[folder] = index.Count;
            stack.Push(folder);
            onStack.Add(folder);
            foreach (var to in next.GetValueOrDefault(folder, []))
            {
                if (!index.ContainsKey(to))
                {
                    Visit(to);
                    lowLink[folder] = Math.Min(lowLink[folder], lowLink[to]);
                }
                else if (onStack.Contains(to))
                {
                    lowLink[folder] = Math.Min(lowLink[folder], index[to]);
                }
            }

            if (lowLink[folder] == index[folder])
            {
                var component = new HashSet<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != folder);
                components.Add(component);
            }
        }

        foreach (var folder in next.Keys.Order(StringComparer.Ordinal).Where(f => !index.ContainsKey(f)))
        {
            Visit(folder);
        }

        return components;
    }

    /// <summary>The shortest way round from the first folder (by name) of a component back to itself, as a list of folders.</summary>
    private static List<string> ShortestCycle(HashSet<string> component, IEnumerable<(string From, string To)> edges)
    {
        var inside = edges.Where(e => component.Contains(e.From) && component.Contains(e.To)).ToList();
        var start = component.Order(StringComparer.Ordinal).First();
        var cameFrom = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var folder))
        {
            foreach (var to in inside.Where(e => e.From == folder).Select(e => e.To).Order(StringComparer.Ordinal))
            {
                if (to == start)
                {
                    var cycle = new List<string> { start };
                    for (var at = folder; at != start; at = cameFrom[at])
                    {
                        cycle.Insert(1, at);
                    }

                    cycle.Add(start);
                    return cycle;
                }

                if (cameFrom.TryAdd(to, folder))
                {
                    queue.Enqueue(to);
                }
            }
        }

        throw new InvalidOperationException("A strongly connected component always has a cycle through each member.");
    }

    /// <summary>The folders tied together, then one way round among them with the type references behind each step.</summary>
    private static string Describe(HashSet<string> folders, List<string> cycle, Dictionary<(string From, string To), SortedSet<string>> edges)
    {
        var text = new StringBuilder("Tied together: ").AppendJoin(", ", folders.Order(StringComparer.Ordinal)).Append('\n')
            .Append("One cycle: ").AppendJoin(" → ", cycle).Append('\n');
        foreach (var (from, to) in cycle.Zip(cycle.Skip(1)))
        {
            text.Append("  ").Append(from).Append(" → ").Append(to).Append(":\n");
            foreach (var example in edges[(from, to)])
            {
                text.Append("    ").Append(example).Append('\n');
            }
        }

        return text.ToString().TrimEnd();
    }
}
