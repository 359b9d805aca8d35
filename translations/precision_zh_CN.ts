<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PrecisionTab</name>
    <message>
        <source>Floating point</source>
        <translation>浮点数</translation>
    </message>
    <message>
        <source>Inspect values</source>
        <translation>查看数值</translation>
    </message>
    <message>
        <source>Range and density</source>
        <translation>范围与密度</translation>
    </message>
    <message>
        <source>Accumulation</source>
        <translation>累加</translation>
    </message>
    <message>
        <source>Stability in training</source>
        <translation>训练中的稳定性</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Bit patterns: sign | exponent | mantissa (click a bit to flip it)</source>
        <translation>位模式：符号 | 指数 | 尾数（点击某一位可将其翻转）</translation>
    </message>
    <message>
        <source>bit (most significant first)</source>
        <translation>位（最高位在前）</translation>
    </message>
    <message>
        <source>Click a bit in the pattern to flip it and see the value the new code encodes.</source>
        <translation>点击位模式中的某一位将其翻转，即可看到新编码所表示的值。</translation>
    </message>
    <message>
        <source>Relative rounding error |stored − x| / |x|</source>
        <translation>相对舍入误差 |存储值 − x| / |x|</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>relative error</source>
        <translation>相对误差</translation>
    </message>
    <message>
        <source>format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>存储值</translation>
    </message>
    <message>
        <source>hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>bits</source>
        <translation>二进制位</translation>
    </message>
    <message>
        <source>abs error</source>
        <translation>绝对误差</translation>
    </message>
    <message>
        <source>rel error</source>
        <translation>相对误差</translation>
    </message>
    <message>
        <source>spacing (ULP)</source>
        <translation>间距 (ULP)</translation>
    </message>
    <message>
        <source>via fp32 first</source>
        <translation>先经 fp32</translation>
    </message>
    <message>
        <source>Range of each format</source>
        <translation>各格式的表示范围</translation>
    </message>
    <message>
        <source>magnitude (log scale)</source>
        <translation>量级（对数刻度）</translation>
    </message>
    <message>
        <source>Spacing between neighbours (ULP) vs magnitude</source>
        <translation>相邻可表示数的间距 (ULP) 与量级</translation>
    </message>
    <message>
        <source>|x| (log scale)</source>
        <translation>|x|（对数刻度）</translation>
    </message>
    <message>
        <source>spacing (log scale)</source>
        <translation>间距（对数刻度）</translation>
    </message>
    <message>
        <source>Every code of the ≤ 8-bit formats on a number line (linear)</source>
        <translation>≤ 8 位格式的全部编码在数轴上的位置（线性）</translation>
    </message>
    <message>
        <source>The same codes on a symmetric-log axis</source>
        <translation>同样的编码，对称对数坐标</translation>
    </message>
    <message>
        <source>value (symmetric log: linear near 0)</source>
        <translation>数值（对称对数：0 附近为线性）</translation>
    </message>
    <message>
        <source>summing… %p%</source>
        <translation>求和中… %p%</translation>
    </message>
    <message>
        <source>Relative error of the sum, every addition rounded to the format</source>
        <translation>求和的相对误差（每次加法都舍入到该格式）</translation>
    </message>
    <message>
        <source>number of terms n</source>
        <translation>项数 n</translation>
    </message>
    <message>
        <source>Softmax: naive exp-normalise vs max-subtracted</source>
        <translation>Softmax：朴素的指数归一化 vs 先减去最大值</translation>
    </message>
    <message>
        <source>logit scale</source>
        <translation>logit 缩放倍数</translation>
    </message>
    <message>
        <source>max |p − p_float64|</source>
        <translation>max |p − p_float64|</translation>
    </message>
    <message>
        <source>Gradients × loss scale against each format's range</source>
        <translation>梯度 × 损失缩放，对照各格式的范围</translation>
    </message>
    <message>
        <source>log10 |g · loss_scale|</source>
        <translation>log10 |g · loss_scale|</translation>
    </message>
    <message>
        <source>gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Weights and the quantization grid</source>
        <translation>权重与量化网格</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Quantization error ŵ − w</source>
        <translation>量化误差 ŵ − w</translation>
    </message>
    <message>
        <source>error</source>
        <translation>误差</translation>
    </message>
    <message>
        <source>entry %1 "%2" is not a number (%3)</source>
        <translation>第 %1 项“%2”不是数字（%3）</translation>
    </message>
    <message>
        <source>%1 via fp32</source>
        <translation>%1（经 fp32）</translation>
    </message>
    <message>
        <source>double rounding: differs</source>
        <translation>两次舍入：结果不同</translation>
    </message>
    <message>
        <source>sign</source>
        <translation>符号位</translation>
    </message>
    <message>
        <source>exponent</source>
        <translation>指数</translation>
    </message>
    <message>
        <source>mantissa</source>
        <translation>尾数</translation>
    </message>
    <message>
        <source>%1 of %2: flipping bit %3 (%4) turns %5 = %6 into %7 = %8</source>
        <translation>%2 的 %1 表示：翻转第 %3 位（%4）后，%5 = %6 变为 %7 = %8</translation>
    </message>
    <message>
        <source>smallest subnormal</source>
        <translation>最小次正规数</translation>
    </message>
    <message>
        <source>smallest normal</source>
        <translation>最小正规数</translation>
    </message>
    <message>
        <source>largest finite</source>
        <translation>最大有限值</translation>
    </message>
    <message>
        <source>machine epsilon</source>
        <translation>机器精度 ε</translation>
    </message>
    <message>
        <source>No selected format has 8 bits or fewer; showing fp8_e4m3. Select fp8/fp6/fp4/e8m0 formats to compare them here.</source>
        <translation>所选格式中没有 8 位及以下的格式，此处显示 fp8_e4m3。选择 fp8/fp6/fp4/e8m0 格式即可在这里比较它们。</translation>
    </message>
    <message>
        <source>Each tick is one code. The gaps double at every power of two: about half of all codes lie within ±2 of zero.</source>
        <translation>每条刻线代表一个编码。每过一个 2 的幂，间距就翻倍：约一半的编码落在 0 附近 ±2 以内。</translation>
    </message>
    <message>
        <source>max-subtracted</source>
        <translation>先减最大值</translation>
    </message>
    <message>
        <source>naive</source>
        <translation>朴素</translation>
    </message>
    <message>
        <source>%1 naive → inf/NaN</source>
        <translation>%1 朴素 → inf/NaN</translation>
    </message>
    <message>
        <source>%1: smallest subnormal | smallest normal | max (off scale: %2 … %3)</source>
        <translation>%1：最小次正规数 | 最小正规数 | 最大值（超出坐标范围：%2 … %3）</translation>
    </message>
    <message>
        <source>%1: smallest subnormal | smallest normal | max</source>
        <translation>%1：最小次正规数 | 最小正规数 | 最大值</translation>
    </message>
    <message>
        <source>grid of group 0</source>
        <translation>第 0 组的网格</translation>
    </message>
    <message>
        <source>grid of the group with max |w|</source>
        <translation>含最大 |w| 的组的网格</translation>
    </message>
    <message>
        <source>%1 max</source>
        <translation>%1 最大值</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>reference sum</source>
        <translation>参考和</translation>
    </message>
    <message>
        <source>%1 (rel %2)</source>
        <translation>%1（相对误差 %2）</translation>
    </message>
    <message>
        <source>%1 naive softmax</source>
        <translation>%1 朴素 softmax</translation>
    </message>
    <message>
        <source>error %1</source>
        <translation>误差 %1</translation>
    </message>
    <message>
        <source>overflow → inf/NaN</source>
        <translation>溢出 → inf/NaN</translation>
    </message>
    <message>
        <source>%1 max-subtracted</source>
        <translation>%1 先减最大值</translation>
    </message>
    <message>
        <source>%1 subnormal</source>
        <translation>%1 次正规数</translation>
    </message>
    <message>
        <source>%1 overflow</source>
        <translation>%1 溢出</translation>
    </message>
    <message>
        <source>MSE</source>
        <translation>均方误差 MSE</translation>
    </message>
    <message>
        <source>SQNR</source>
        <translation>信号量化噪声比 SQNR</translation>
    </message>
    <message>
        <source>KL(P‖Q) of histograms</source>
        <translation>直方图的 KL(P‖Q)</translation>
    </message>
    <message>
        <source>%1 nats</source>
        <translation>%1 奈特</translation>
    </message>
    <message>
        <source>max |error|</source>
        <translation>最大 |误差|</translation>
    </message>
    <message>
        <source>groups × size</source>
        <translation>组数 × 组大小</translation>
    </message>
    <message>
        <source>scale of group 0</source>
        <translation>第 0 组的缩放因子</translation>
    </message>
    <message>
        <source>scale of the outlier's group</source>
        <translation>离群值所在组的缩放因子</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;x̂ = (−1)&lt;sup&gt;s&lt;/sup&gt; · 2&lt;sup&gt;e − bias&lt;/sup&gt; · (1 + m / 2&lt;sup&gt;M&lt;/sup&gt;)&lt;/b&gt;, and for e = 0 the subnormals (−1)&lt;sup&gt;s&lt;/sup&gt; · 2&lt;sup&gt;1 − bias&lt;/sup&gt; · m / 2&lt;sup&gt;M&lt;/sup&gt;.&lt;/p&gt;&lt;p&gt;Every value is rounded once to the nearest code (ties to the even mantissa); the relative error is at most ε/2 = 2&lt;sup&gt;−M−1&lt;/sup&gt; while the value is in the normal range. fp16 tops out at 65504 (70000 becomes inf) and flushes 1e-8 to zero; bf16 keeps fp32's range with only 8 significant bits, which is why mixed-precision training moved to it. Rounding to fp32 first and then to bf16 can land on a tie that was not there: 1 + 2&lt;sup&gt;−8&lt;/sup&gt; + 2&lt;sup&gt;−40&lt;/sup&gt; becomes 1 instead of 1 + 2&lt;sup&gt;−7&lt;/sup&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;x̂ = (−1)&lt;sup&gt;s&lt;/sup&gt; · 2&lt;sup&gt;e − bias&lt;/sup&gt; · (1 + m / 2&lt;sup&gt;M&lt;/sup&gt;)&lt;/b&gt;；e = 0 时为次正规数 (−1)&lt;sup&gt;s&lt;/sup&gt; · 2&lt;sup&gt;1 − bias&lt;/sup&gt; · m / 2&lt;sup&gt;M&lt;/sup&gt;。&lt;/p&gt;&lt;p&gt;每个值只舍入一次，舍入到最近的编码（平局时取尾数为偶数的一方）；只要值在正规数范围内，相对误差不超过 ε/2 = 2&lt;sup&gt;−M−1&lt;/sup&gt;。fp16 的最大值是 65504（70000 变成 inf），1e-8 被冲刷为零；bf16 保留了 fp32 的范围，却只有 8 位有效位，这正是混合精度训练转向它的原因。先舍入到 fp32 再舍入到 bf16，可能落在一个原本不存在的平局点上：1 + 2&lt;sup&gt;−8&lt;/sup&gt; + 2&lt;sup&gt;−40&lt;/sup&gt; 会变成 1，而不是 1 + 2&lt;sup&gt;−7&lt;/sup&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;spacing(x) = 2&lt;sup&gt;⌊log₂|x|⌋ − M&lt;/sup&gt;&lt;/b&gt; for normal x, a constant 2&lt;sup&gt;1 − bias − M&lt;/sup&gt; among the subnormals.&lt;/p&gt;&lt;p&gt;The exponent bits buy range, the mantissa bits buy precision: bf16 and fp32 share a range, fp16 trades range for three more bits. In 8-bit formats the 256 codes crowd around zero and thin out by half at each power of two, which is why FP8 training (E4M3 forward, E5M2 gradients) needs per-tensor scales.&lt;/p&gt;</source>
        <translation>&lt;p&gt;对正规数 x，&lt;b&gt;spacing(x) = 2&lt;sup&gt;⌊log₂|x|⌋ − M&lt;/sup&gt;&lt;/b&gt;；在次正规数中间距恒为 2&lt;sup&gt;1 − bias − M&lt;/sup&gt;。&lt;/p&gt;&lt;p&gt;指数位换来范围，尾数位换来精度：bf16 与 fp32 的范围相同，fp16 则牺牲范围换来多三位精度。在 8 位格式中，256 个编码挤在 0 附近，每过一个 2 的幂就稀疏一半，这就是 FP8 训练（前向用 E4M3，梯度用 E5M2）需要逐张量缩放因子的原因。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;s&lt;sub&gt;k&lt;/sub&gt; = fl(s&lt;sub&gt;k−1&lt;/sub&gt; + x&lt;sub&gt;k&lt;/sub&gt;)&lt;/b&gt;: once spacing(s) exceeds 2|x|, adding x does nothing. In fp16, 2048 + 1 = 2049 is a tie between 2048 and 2050 and rounds to even, so a count of ones stops at 2048.&lt;/p&gt;&lt;p&gt;Naive error grows like n·u; Kahan carries the lost low part in a compensation term (error ≈ 2u), pairwise summation adds in a tree (error ≈ u·log₂n). Reductions in attention and layer norm, and gradient accumulation, are summed in fp32 for this reason even when the data is bf16.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;s&lt;sub&gt;k&lt;/sub&gt; = fl(s&lt;sub&gt;k−1&lt;/sub&gt; + x&lt;sub&gt;k&lt;/sub&gt;)&lt;/b&gt;：一旦 spacing(s) 超过 2|x|，再加上 x 就毫无作用。在 fp16 中，2048 + 1 = 2049 正好位于 2048 与 2050 的中点，按“平局取偶”舍入为 2048，所以对 1 的累加停在 2048。&lt;/p&gt;&lt;p&gt;朴素求和的误差按 n·u 增长；Kahan 求和用一个补偿项保存丢失的低位（误差 ≈ 2u），成对求和按树形相加（误差 ≈ u·log₂n）。正因如此，即使数据是 bf16，注意力和层归一化中的归约以及梯度累加也都在 fp32 中求和。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;softmax(z)&lt;sub&gt;i&lt;/sub&gt; = e&lt;sup&gt;z&lt;sub&gt;i&lt;/sub&gt; − max z&lt;/sup&gt; / Σ&lt;sub&gt;j&lt;/sub&gt; e&lt;sup&gt;z&lt;sub&gt;j&lt;/sub&gt; − max z&lt;/sup&gt;&lt;/b&gt;: subtracting the maximum changes nothing mathematically but keeps every exponent ≤ 0. Naively, fp16 overflows as soon as a logit passes ln 65520 ≈ 11.09, bf16 and fp32 near 88.7, and inf/inf gives NaN.&lt;/p&gt;&lt;p&gt;Small gradients flush to zero in fp16 (below 2&lt;sup&gt;−25&lt;/sup&gt;); multiplying the loss by a power of two (loss scaling) shifts the whole histogram right without changing any mantissa, and is undone before the optimizer step. Too large a scale overflows: dynamic loss scalers halve it when they see inf.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;softmax(z)&lt;sub&gt;i&lt;/sub&gt; = e&lt;sup&gt;z&lt;sub&gt;i&lt;/sub&gt; − max z&lt;/sup&gt; / Σ&lt;sub&gt;j&lt;/sub&gt; e&lt;sup&gt;z&lt;sub&gt;j&lt;/sub&gt; − max z&lt;/sup&gt;&lt;/b&gt;：减去最大值在数学上不改变结果，却让每个指数都 ≤ 0。朴素计算时，只要某个 logit 超过 ln 65520 ≈ 11.09，fp16 就会溢出；bf16 和 fp32 在 88.7 附近溢出，而 inf/inf 得到 NaN。&lt;/p&gt;&lt;p&gt;在 fp16 中，很小的梯度（低于 2&lt;sup&gt;−25&lt;/sup&gt;）会被冲刷为零；把损失乘以一个 2 的幂（损失缩放）会把整个直方图右移而不改变任何尾数，并在优化器更新之前除回去。缩放过大则会溢出：动态损失缩放器一旦遇到 inf 就把缩放减半。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;q = round(w / s), ŵ = q · s, s = max|w| / q&lt;sub&gt;max&lt;/sub&gt;&lt;/b&gt; per group; SQNR = 10 log₁₀(Σw² / Σ(w − ŵ)²).&lt;/p&gt;&lt;p&gt;One outlier sets the scale of its whole group: with a single tensor scale, int4 leaves most weights on the zero level. Smaller groups (a channel, 32 or 16 weights) confine the damage; OCP MX shares an 8-bit power-of-two exponent (E8M0) per 32 values, NVFP4 an E4M3 scale per 16, which is how 4-bit weights and activations stay usable in large models.&lt;/p&gt;</source>
        <translation>&lt;p&gt;每组：&lt;b&gt;q = round(w / s), ŵ = q · s, s = max|w| / q&lt;sub&gt;max&lt;/sub&gt;&lt;/b&gt;；SQNR = 10 log₁₀(Σw² / Σ(w − ŵ)²)。&lt;/p&gt;&lt;p&gt;一个离群值就决定了它所在整组的缩放因子：整个张量只用一个缩放因子时，int4 会把大多数权重量化到零这一级。更小的分组（一个通道、32 或 16 个权重）能把损害限制在组内；OCP MX 让每 32 个值共享一个 8 位的 2 的幂指数（E8M0），NVFP4 让每 16 个值共享一个 E4M3 缩放因子，4 位的权重和激活正是这样才能在大模型中继续可用。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Sum 10,000 ones in fp16, bf16 and fp32: the naive sum stops at 2048 in fp16 (relative error 0.80) and at 256 in bf16, while Kahan and pairwise summation reach 10000 in fp16 and 9984, the bf16 number nearest to 10000, in bf16.</source>
        <translation>在 fp16、bf16 和 fp32 中对 10,000 个 1 求和：朴素求和在 fp16 中停在 2048（相对误差 0.80），在 bf16 中停在 256；而 Kahan 求和与成对求和在 fp16 中得到 10000，在 bf16 中得到 9984，即 bf16 中最接近 10000 的数。</translation>
    </message>
    <message>
        <source>Give the gradients a typical size of 10⁻⁸ and multiply the loss by 65536: the share of gradients that fp16 flushes to zero falls from 63 % (loss scale 1) to 0.2 %, and none overflows; bf16 needs no scaling at all.</source>
        <translation>让梯度的典型大小为 10⁻⁸，并把损失乘以 65536：被 fp16 冲刷为零的梯度比例从 63 %（损失缩放为 1 时）降到 0.2 %，且没有任何梯度溢出；bf16 则根本不需要缩放。</translation>
    </message>
    <message>
        <source>Quantize to int4 in blocks of 32 instead of one scale for the whole tensor: with 0.1 % outliers of 20 σ the SQNR rises from 3.7 dB to 17.0 dB, because each outlier now only stretches the grid of its own block.</source>
        <translation>量化为 int4 时改用每 32 个一块的缩放因子，而不是整个张量共用一个：在含 0.1 % 大小为 20 σ 的离群值时，SQNR 从 3.7 dB 升到 17.0 dB，因为每个离群值现在只拉伸它所在块的网格。</translation>
    </message>
    <message>
        <source>summing on: the curves show the first %1 of %2 terms… %p%</source>
        <translation>继续求和中：曲线显示的是 %2 项中的前 %1 项… %p%</translation>
    </message>
    <message>
        <source>n (summed so far)</source>
        <translation>n（目前已求和）</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>aimath::PrecisionTab</name>
    <message>
        <source>naive</source>
        <translation>朴素</translation>
    </message>
    <message>
        <source>Kahan</source>
        <translation>Kahan</translation>
    </message>
    <message>
        <source>pairwise</source>
        <translation>成对</translation>
    </message>
</context>
<context>
    <name>aimath::params</name>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Inspect values</source>
        <translation>查看数值</translation>
    </message>
    <message>
        <source>Range and density</source>
        <translation>范围与密度</translation>
    </message>
    <message>
        <source>Accumulation</source>
        <translation>累加</translation>
    </message>
    <message>
        <source>Stability in training</source>
        <translation>训练中的稳定性</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Which inner view is shown (and exported as the image).</source>
        <translation>显示哪个子视图（导出图像时也导出它）。</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>The formats compared in the Inspect, Range and Accumulation views.</source>
        <translation>在“查看数值”“范围与密度”和“累加”视图中比较的格式。</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>舍入方式</translation>
    </message>
    <message>
        <source>nearest, ties to even</source>
        <translation>就近舍入，平局取偶</translation>
    </message>
    <message>
        <source>toward zero (truncate)</source>
        <translation>向零舍入（截断）</translation>
    </message>
    <message>
        <source>stochastic (seeded)</source>
        <translation>随机舍入（带种子）</translation>
    </message>
    <message>
        <source>Round to nearest with ties to even (IEEE default), truncation (a naive bf16 cast by bit shifting), or stochastic rounding (up with probability equal to the distance from the lower neighbour).</source>
        <translation>就近舍入、平局取偶（IEEE 默认）；截断（用移位实现的朴素 bf16 转换）；或随机舍入（向上舍入的概率等于它到下方相邻值的距离）。</translation>
    </message>
    <message>
        <source>Overflow</source>
        <translation>溢出处理</translation>
    </message>
    <message>
        <source>IEEE (inf / NaN)</source>
        <translation>IEEE（inf / NaN）</translation>
    </message>
    <message>
        <source>saturate at ±max</source>
        <translation>饱和到 ±max</translation>
    </message>
    <message>
        <source>Past the largest finite value: ±inf where the format has infinities, else NaN, else clamp; or clamp every format at ±max.</source>
        <translation>超过最大有限值时：格式有无穷大则得 ±inf，否则得 NaN，都没有则钳位；或者让所有格式都钳位在 ±max。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Seed of stochastic rounding and of every random data set.</source>
        <translation>随机舍入以及所有随机数据的种子。</translation>
    </message>
    <message>
        <source>Custom exponent bits</source>
        <translation>自定义指数位数</translation>
    </message>
    <message>
        <source>Exponent field width of the IEEE-like "custom" format (bias 2^(e−1) − 1).</source>
        <translation>类 IEEE 的“custom”格式的指数字段宽度（偏置为 2^(e−1) − 1）。</translation>
    </message>
    <message>
        <source>Custom mantissa bits</source>
        <translation>自定义尾数位数</translation>
    </message>
    <message>
        <source>Mantissa (fraction) field width of the "custom" format.</source>
        <translation>“custom”格式的尾数（小数部分）字段宽度。</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Comma-separated real numbers to store in each format. An entry that is not a number is marked and skipped.</source>
        <translation>以逗号分隔的实数，逐一存入每种格式。不是数字的条目会被标出并跳过。</translation>
    </message>
    <message>
        <source>Value drawn bit by bit (0 = all)</source>
        <translation>逐位绘制的数值（0 = 全部）</translation>
    </message>
    <message>
        <source>Which entry of Values the bit-pattern plot shows, one row per format (0 draws every value; the table below always lists them all).</source>
        <translation>位模式图显示“数值”中的第几项，每种格式一行（0 表示绘制全部数值；下方表格总是列出全部）。</translation>
    </message>
    <message>
        <source>Show the double-rounding trap</source>
        <translation>显示两次舍入陷阱</translation>
    </message>
    <message>
        <source>Also show each value rounded to fp32 first and then to the narrower format, where that differs from rounding once (1 + 2⁻⁸ + 2⁻⁴⁰ to bf16 is the classic case).</source>
        <translation>同时显示先舍入到 fp32、再舍入到更窄格式的结果（仅当它与一次舍入的结果不同时；1 + 2⁻⁸ + 2⁻⁴⁰ 转 bf16 是经典例子）。</translation>
    </message>
    <message>
        <source>Terms n</source>
        <translation>项数 n</translation>
    </message>
    <message>
        <source>How many numbers are summed. Large n runs in the background; a new change cancels it.</source>
        <translation>参与求和的数的个数。n 较大时在后台计算；新的修改会取消正在进行的计算。</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>求和项</translation>
    </message>
    <message>
        <source>ones (1.0)</source>
        <translation>全为 1 (1.0)</translation>
    </message>
    <message>
        <source>tenths (0.1)</source>
        <translation>全为 0.1</translation>
    </message>
    <message>
        <source>uniform [0, 1)</source>
        <translation>均匀分布 [0, 1)</translation>
    </message>
    <message>
        <source>normal N(0, 1)</source>
        <translation>正态分布 N(0, 1)</translation>
    </message>
    <message>
        <source>The numbers being summed (random ones use the seed).</source>
        <translation>被求和的数（随机数使用随机种子）。</translation>
    </message>
    <message>
        <source>Logit scale</source>
        <translation>logit 缩放倍数</translation>
    </message>
    <message>
        <source>Stability</source>
        <translation>稳定性</translation>
    </message>
    <message>
        <source>Multiplies the fixed logits (3, 2.2, 1.5, 0.7, 0, −0.8, −1.6, −2.5) before the softmax.</source>
        <translation>在 softmax 之前乘到固定 logits（3, 2.2, 1.5, 0.7, 0, −0.8, −1.6, −2.5）上的倍数。</translation>
    </message>
    <message>
        <source>Gradient log10 mean</source>
        <translation>梯度 log10 均值</translation>
    </message>
    <message>
        <source>Mean of log10|g| of the log-normally distributed gradients.</source>
        <translation>服从对数正态分布的梯度的 log10|g| 的均值。</translation>
    </message>
    <message>
        <source>Gradient log10 std</source>
        <translation>梯度 log10 标准差</translation>
    </message>
    <message>
        <source>Standard deviation of log10|g| (in decades).</source>
        <translation>log10|g| 的标准差（单位：数量级）。</translation>
    </message>
    <message>
        <source>Loss scale</source>
        <translation>损失缩放</translation>
    </message>
    <message>
        <source>Power of two the loss (and so every gradient) is multiplied by before the cast, as in mixed-precision training.</source>
        <translation>在类型转换之前，损失（因而每个梯度）所乘的 2 的幂，与混合精度训练中的做法相同。</translation>
    </message>
    <message>
        <source>Element format</source>
        <translation>元素格式</translation>
    </message>
    <message>
        <source>What each weight is stored as.</source>
        <translation>每个权重以何种格式存储。</translation>
    </message>
    <message>
        <source>Scale granularity</source>
        <translation>缩放粒度</translation>
    </message>
    <message>
        <source>per tensor (fp32 scale)</source>
        <translation>逐张量（fp32 缩放因子）</translation>
    </message>
    <message>
        <source>per channel (row)</source>
        <translation>逐通道（每行）</translation>
    </message>
    <message>
        <source>blocks of 32 (fp32 scale)</source>
        <translation>每 32 个一块（fp32 缩放因子）</translation>
    </message>
    <message>
        <source>MX: blocks of 32, E8M0 scale</source>
        <translation>MX：每 32 个一块，E8M0 缩放因子</translation>
    </message>
    <message>
        <source>NVFP4: blocks of 16, E4M3 scale</source>
        <translation>NVFP4：每 16 个一块，E4M3 缩放因子</translation>
    </message>
    <message>
        <source>How many weights share one scale. With outliers, a shared tensor scale wastes the grid on empty range.</source>
        <translation>多少个权重共享一个缩放因子。存在离群值时，整个张量共享一个缩放因子会把量化网格浪费在空无一物的范围上。</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Rows (output channels) of the weight tensor.</source>
        <translation>权重张量的行数（输出通道）。</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列数</translation>
    </message>
    <message>
        <source>Columns (inputs) of the weight tensor.</source>
        <translation>权重张量的列数（输入）。</translation>
    </message>
    <message>
        <source>Outlier fraction</source>
        <translation>离群值比例</translation>
    </message>
    <message>
        <source>Fraction of weights replaced by ±outlier_scale (at least one when &gt; 0).</source>
        <translation>被替换为 ±outlier_scale 的权重所占比例（大于 0 时至少一个）。</translation>
    </message>
    <message>
        <source>Outlier size</source>
        <translation>离群值大小</translation>
    </message>
    <message>
        <source>Magnitude of the outliers, in standard deviations of the Gaussian weights.</source>
        <translation>离群值的幅度，以高斯权重的标准差为单位。</translation>
    </message>
</context>
</TS>
