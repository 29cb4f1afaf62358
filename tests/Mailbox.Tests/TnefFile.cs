using System.Buffers.Binary;
using System.Text;

namespace SosepBot.Mailbox.Tests;

/// <summary>
/// Writes a minimal winmail.dat the way Outlook does (MS-OXTNEF: signature, legacy key, then level/tag/length/data/
/// checksum attributes), carrying one attached file — MimeKit reads TNEF but has no writer.
/// </summary>
internal static class TnefFile
{
    private const byte MessageLevel = 1;
    private const byte AttachmentLevel = 2;

    public static byte[] WithAttachment(string fileName, byte[] content)
    {
        using var tnef = new MemoryStream();
        Span<byte> head = stackalloc byte[6];
        BinaryPrimitives.WriteUInt32LittleEndian(head, 0x223E9F78);
        BinaryPrimitives.WriteUInt16LittleEndian(head[4..], 0x0001);
        tnef.Write(head);
        Attribute(tnef, MessageLevel, 0x00089006, BitConverter.GetBytes(0x00010000)); // attTnefVersion
        Attribute(tnef, MessageLevel, 0x00069007, [0xE4, 0x04, 0, 0, 0, 0, 0, 0]); // attOemCodepage 1252
        Attribute(tnef, MessageLevel, 0x00078008, Encoding.ASCII.GetBytes("IPM.Microsoft Mail.Note\0")); // attMessageClass
        var render = new byte[14];
        BinaryPrimitives.WriteUInt16LittleEndian(render, 1); // a file
        BinaryPrimitives.WriteUInt32LittleEndian(render.AsSpan(2), 0xFFFFFFFF);
        Attribute(tnef, AttachmentLevel, 0x00069002, render); // attAttachRendData starts the attachment
        Attribute(tnef, AttachmentLevel, 0x00018010, Encoding.ASCII.GetBytes(fileName + "\0")); // attAttachTitle
        Attribute(tnef, AttachmentLevel, 0x0006800F, content); // attAttachData
        return tnef.ToArray();
    }

    private static void Attribute(Stream stream, byte level, uint tag, byte[] data)
    {
        Span<byte> header = stackalloc byte[9];
        header[0] = level;
        BinaryPrimitives.WriteUInt32LittleEndian(header[1..], tag);
        BinaryPrimitives.WriteUInt32LittleEndian(header[5..], (uint)data.Length);
        stream.Write(header);
        stream.Write(data);
        var checksum = (ushort)(data.Sum(b => b) & 0xFFFF);
        Span<byte> sum = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(sum, checksum);
        stream.Write(sum);
    }
}
