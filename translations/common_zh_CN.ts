<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ExplanationPanel</name>
    <message>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Try this</source>
        <translation>试一试</translation>
    </message>
</context>
<context>
    <name>PlotView</name>
    <message>
        <source>Save image as…</source>
        <translation>图像另存为…</translation>
    </message>
    <message>
        <source>Copy image</source>
        <translation>复制图像</translation>
    </message>
    <message>
        <source>Export data…</source>
        <translation>导出数据…</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write %1: unsupported image format (use .png, .jpg, .pdf or .svg)</source>
        <translation>无法写入 %1：不支持的图像格式（请使用 .png、.jpg、.pdf 或 .svg）</translation>
    </message>
    <message>
        <source>Cannot write %1: size %2x%3 is outside 16…20000 pixels</source>
        <translation>无法写入 %1：尺寸 %2x%3 超出 16…20000 像素范围</translation>
    </message>
    <message>
        <source>Cannot write %1: scale %2 is outside 0.25…8</source>
        <translation>无法写入 %1：缩放 %2 超出 0.25…8 范围</translation>
    </message>
    <message>
        <source>Cannot write %1: there is no figure to export</source>
        <translation>无法写入 %1：没有可导出的图</translation>
    </message>
    <message>
        <source>Cannot write %1: rendering the %2 failed</source>
        <translation>无法写入 %1：%2 渲染失败</translation>
    </message>
    <message>
        <source>Cannot write %1: the JSON writer was given an invalid document</source>
        <translation>无法写入 %1：JSON 写入器收到了无效的文档</translation>
    </message>
</context>
<context>
    <name>ReadoutPanel</name>
    <message>
        <source>Copy all readouts</source>
        <translation>复制全部读数</translation>
    </message>
</context>
<context>
    <name>Tab</name>
    <message>
        <source>Readouts</source>
        <translation>读数</translation>
    </message>
</context>
<context>
    <name>aimath::ParamPanel</name>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
</context>
<context>
    <name>aimath::locale</name>
    <message>
        <source>en_US</source>
        <comment>locale name of the window&apos;s language</comment>
        <translation>zh_CN</translation>
    </message>
</context>
<context>
    <name>aimath::params</name>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
</context>
</TS>
