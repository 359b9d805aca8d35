<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DistributionsTab</name>
    <message>
        <source>Distributions and entropy</source>
        <translation>概率分布与熵</translation>
    </message>
    <message>
        <source>Compare P and Q</source>
        <translation>比较 P 与 Q</translation>
    </message>
    <message>
        <source>Sampling &amp;&amp; estimation</source>
        <translation>采样与估计</translation>
    </message>
    <message>
        <source>Next-token decoding</source>
        <translation>下一词元解码</translation>
    </message>
    <message>
        <source>Joint &amp;&amp; mutual information</source>
        <translation>联合分布与互信息</translation>
    </message>
    <message>
        <source>Fit one Gaussian to the two-peaked mixture with reverse KL: the dashed curve locks onto one peak (μ ≈ 2, σ ≈ 0.84). Switch “Gaussian fit of P” to forward and it spreads over both (μ = 0, σ ≈ 2.1).</source>
        <translation>用反向 KL 给双峰混合分布拟合单个高斯：虚线锁定在其中一个峰上（μ ≈ 2，σ ≈ 0.84）。把“P 的高斯拟合”改为前向，它就铺开覆盖两个峰（μ = 0，σ ≈ 2.1）。</translation>
    </message>
    <message>
        <source>Set the temperature to 0.1: the entropy of the softmax falls almost to 0 and the top token takes nearly all the probability (greedy decoding). At T = 5 the entropy climbs towards ln V.</source>
        <translation>把温度设为 0.1：softmax 的熵几乎降到 0，概率最高的词元拿走几乎全部概率（贪心解码）。T = 5 时熵则升向 ln V。</translation>
    </message>
    <message>
        <source>Make Y a copy of X (table 1 0 / 0 1): I(X;Y) = H(X) = H(Y) = ln 2 ≈ 0.693 nats and both conditional entropies are 0. Make all four cells equal and I(X;Y) drops to 0.</source>
        <translation>让 Y 成为 X 的副本（表格 1 0 / 0 1）：I(X;Y) = H(X) = H(Y) = ln 2 ≈ 0.693 奈特，两个条件熵都为 0。把四个格子设为相等，I(X;Y) 就降为 0。</translation>
    </message>
    <message>
        <source>P and Q</source>
        <translation>P 与 Q</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>density</source>
        <translation>概率密度</translation>
    </message>
    <message>
        <source>Gaussian fit</source>
        <translation>高斯拟合</translation>
    </message>
    <message>
        <source>H(P,Q) = H(P) + KL(P‖Q)</source>
        <translation>H(P,Q) = H(P) + KL(P‖Q)</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>奈特</translation>
    </message>
    <message>
        <source>Samples from P</source>
        <translation>从 P 中抽取的样本</translation>
    </message>
    <message>
        <source>histogram of the sample</source>
        <translation>样本直方图</translation>
    </message>
    <message>
        <source>true P</source>
        <translation>真实分布 P</translation>
    </message>
    <message>
        <source>maximum-likelihood fit</source>
        <translation>最大似然拟合</translation>
    </message>
    <message>
        <source>Law of large numbers: running mean</source>
        <translation>大数定律：累积均值</translation>
    </message>
    <message>
        <source>samples drawn m (log)</source>
        <translation>已抽取样本数 m（对数坐标）</translation>
    </message>
    <message>
        <source>mean of first m</source>
        <translation>前 m 个样本的均值</translation>
    </message>
    <message>
        <source>running mean</source>
        <translation>累积均值</translation>
    </message>
    <message>
        <source>true mean E[X]</source>
        <translation>真实均值 E[X]</translation>
    </message>
    <message>
        <source>Bayes for a coin</source>
        <translation>硬币的贝叶斯推断</translation>
    </message>
    <message>
        <source>θ = P(x = 1)</source>
        <translation>θ = P(x = 1)</translation>
    </message>
    <message>
        <source>prior Beta(α, β)</source>
        <translation>先验 Beta(α, β)</translation>
    </message>
    <message>
        <source>likelihood (normalised)</source>
        <translation>似然（已归一化）</translation>
    </message>
    <message>
        <source>posterior</source>
        <translation>后验</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>softmax(logits / T)</source>
        <translation>softmax(logits / T)</translation>
    </message>
    <message>
        <source>cut by top-k / top-p / min-p</source>
        <translation>被 top-k / top-p / min-p 截去</translation>
    </message>
    <message>
        <source>final (renormalised)</source>
        <translation>最终分布（重新归一化）</translation>
    </message>
    <message>
        <source>sampled frequency</source>
        <translation>采样频率</translation>
    </message>
    <message>
        <source>cumulative (top-p order)</source>
        <translation>累积概率（top-p 顺序）</translation>
    </message>
    <message>
        <source>Logits (drag a bar up or down)</source>
        <translation>Logits（上下拖动柱条即可修改）</translation>
    </message>
    <message>
        <source>logit z</source>
        <translation>logit z</translation>
    </message>
    <message>
        <source>logits</source>
        <translation>logits</translation>
    </message>
    <message>
        <source>Entropy of softmax(logits / T) against T</source>
        <translation>softmax(logits / T) 的熵随温度 T 的变化</translation>
    </message>
    <message>
        <source>temperature T (log)</source>
        <translation>温度 T（对数坐标）</translation>
    </message>
    <message>
        <source>entropy (nats)</source>
        <translation>熵（奈特）</translation>
    </message>
    <message>
        <source>H(T)</source>
        <translation>H(T)</translation>
    </message>
    <message>
        <source>current T</source>
        <translation>当前 T</translation>
    </message>
    <message>
        <source>p(y), marginal of Y</source>
        <translation>p(y)，Y 的边缘分布</translation>
    </message>
    <message>
        <source>p(y)</source>
        <translation>p(y)</translation>
    </message>
    <message>
        <source>Joint p(x, y)</source>
        <translation>联合分布 p(x, y)</translation>
    </message>
    <message>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <source>p(x)</source>
        <translation>p(x)</translation>
    </message>
    <message>
        <source>Information diagram (to scale)</source>
        <translation>信息图（按比例）</translation>
    </message>
    <message>
        <source>Fit Q</source>
        <translation>拟合 Q</translation>
    </message>
    <message>
        <source>Make Q the Gaussian closest to P under the KL chosen in &quot;Gaussian fit of P&quot;.</source>
        <translation>把 Q 设为在“P 的高斯拟合”所选 KL 散度下最接近 P 的高斯分布。</translation>
    </message>
    <message>
        <source>Vocabulary (edit a token or its logit):</source>
        <translation>词表（可编辑词元或它的 logit）：</translation>
    </message>
    <message>
        <source>token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>logit</source>
        <translation>logit</translation>
    </message>
    <message>
        <source>Add token</source>
        <translation>添加词元</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Draw &quot;Draws&quot; tokens from the final distribution and show their frequencies (again: next seed).</source>
        <translation>从最终分布中抽取“抽取次数”个词元并显示其频率（再次点击：换用下一个随机种子）。</translation>
    </message>
    <message>
        <source>X values</source>
        <translation>X 取值数</translation>
    </message>
    <message>
        <source>Y values</source>
        <translation>Y 取值数</translation>
    </message>
    <message>
        <source>Weights p(x, y) (normalised; rows x, columns y):</source>
        <translation>权重 p(x, y)（自动归一化；行为 x，列为 y）：</translation>
    </message>
    <message>
        <source>Drawing %1 samples from P …</source>
        <translation>正在从 P 中抽取 %1 个样本…</translation>
    </message>
    <message>
        <source>logits: row %1: %2</source>
        <translation>logits：第 %1 行：%2</translation>
    </message>
    <message>
        <source>joint: cell (x=%1, y=%2): %3</source>
        <translation>joint：单元格 (x=%1, y=%2)：%3</translation>
    </message>
    <message>
        <source>%1 bits</source>
        <translation>%1 比特</translation>
    </message>
    <message>
        <source>%1 nats</source>
        <translation>%1 奈特</translation>
    </message>
    <message>
        <source>Gaussian fit, min KL(P‖Q)</source>
        <translation>高斯拟合，最小化 KL(P‖Q)</translation>
    </message>
    <message>
        <source>Gaussian fit, min KL(Q‖P)</source>
        <translation>高斯拟合，最小化 KL(Q‖P)</translation>
    </message>
    <message>
        <source>Cumulative distribution functions of P and Q</source>
        <translation>P 与 Q 的累积分布函数</translation>
    </message>
    <message>
        <source>Mass functions of P and Q</source>
        <translation>P 与 Q 的概率质量函数</translation>
    </message>
    <message>
        <source>Densities of P and Q</source>
        <translation>P 与 Q 的概率密度</translation>
    </message>
    <message>
        <source>P(X ≤ x)</source>
        <translation>P(X ≤ x)</translation>
    </message>
    <message>
        <source>probability mass</source>
        <translation>概率质量</translation>
    </message>
    <message>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <source>KL(P‖Q) = ∞: P puts mass where Q has none</source>
        <translation>KL(P‖Q) = ∞：P 在 Q 概率为零的地方有概率质量</translation>
    </message>
    <message>
        <source>KL(Q‖P) = ∞: Q puts mass where P has none</source>
        <translation>KL(Q‖P) = ∞：Q 在 P 概率为零的地方有概率质量</translation>
    </message>
    <message>
        <source>bits</source>
        <translation>比特</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>H(P)</source>
        <translation>H(P)</translation>
    </message>
    <message>
        <source>H(P) (differential)</source>
        <translation>H(P)（微分熵）</translation>
    </message>
    <message>
        <source>H(Q)</source>
        <translation>H(Q)</translation>
    </message>
    <message>
        <source>H(Q) (differential)</source>
        <translation>H(Q)（微分熵）</translation>
    </message>
    <message>
        <source>H(P,Q) cross-entropy</source>
        <translation>H(P,Q) 交叉熵</translation>
    </message>
    <message>
        <source>KL(P‖Q)</source>
        <translation>KL(P‖Q)</translation>
    </message>
    <message>
        <source>KL(Q‖P)</source>
        <translation>KL(Q‖P)</translation>
    </message>
    <message>
        <source>JS(P,Q)</source>
        <translation>JS(P,Q)</translation>
    </message>
    <message>
        <source>E[P], Var[P]</source>
        <translation>E[P], Var[P]</translation>
    </message>
    <message>
        <source>E[Q], Var[Q]</source>
        <translation>E[Q], Var[Q]</translation>
    </message>
    <message>
        <source>note</source>
        <translation>注</translation>
    </message>
    <message>
        <source>Q is %1: it must be of P&apos;s kind</source>
        <translation>Q 取为%1：它必须与 P 同为连续或同为离散</translation>
    </message>
    <message>
        <source>fit μ, σ</source>
        <translation>拟合的 μ, σ</translation>
    </message>
    <message>
        <source>fit KL(P‖Q)</source>
        <translation>拟合的 KL(P‖Q)</translation>
    </message>
    <message>
        <source>fit KL(Q‖P)</source>
        <translation>拟合的 KL(Q‖P)</translation>
    </message>
    <message>
        <source>Forward KL: Q covers all of P&apos;s mass (moment matching).</source>
        <translation>前向 KL：Q 覆盖 P 的全部概率质量（矩匹配）。</translation>
    </message>
    <message>
        <source>Reverse KL: Q locks onto one mode of P.</source>
        <translation>反向 KL：Q 锁定 P 的一个峰（众数）。</translation>
    </message>
    <message>
        <source>fit</source>
        <translation>拟合</translation>
    </message>
    <message>
        <source>Choose a Gaussian fit (forward or reverse KL) to enable Fit Q.</source>
        <translation>先在“P 的高斯拟合”中选择前向或反向 KL，才能使用“拟合 Q”。</translation>
    </message>
    <message>
        <source>%1 samples from P = %2</source>
        <translation>从 P = %2 中抽取的 %1 个样本</translation>
    </message>
    <message>
        <source>relative frequency</source>
        <translation>相对频率</translation>
    </message>
    <message>
        <source>prior Beta(%1, %2)</source>
        <translation>先验 Beta(%1, %2)</translation>
    </message>
    <message>
        <source>posterior Beta(%1, %2)</source>
        <translation>后验 Beta(%1, %2)</translation>
    </message>
    <message>
        <source>Bayes for a coin (zoomed on the posterior)</source>
        <translation>硬币的贝叶斯推断（放大到后验附近）</translation>
    </message>
    <message>
        <source> MLE k/n = %1</source>
        <translation> 最大似然估计 k/n = %1</translation>
    </message>
    <message>
        <source> MAP = %1</source>
        <translation> 最大后验估计 = %1</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>sample mean</source>
        <translation>样本均值</translation>
    </message>
    <message>
        <source>sample variance</source>
        <translation>样本方差</translation>
    </message>
    <message>
        <source>true variance</source>
        <translation>真实方差</translation>
    </message>
    <message>
        <source>MLE</source>
        <translation>最大似然估计</translation>
    </message>
    <message>
        <source>MLE note</source>
        <translation>最大似然估计说明</translation>
    </message>
    <message>
        <source>EM on a 4096-bin histogram (binned MLE)</source>
        <translation>在 4096 个区间的直方图上运行 EM（分箱最大似然估计）</translation>
    </message>
    <message>
        <source>ones k</source>
        <translation>1 的次数 k</translation>
    </message>
    <message>
        <source>MLE k/n</source>
        <translation>最大似然估计 k/n</translation>
    </message>
    <message>
        <source>undefined (n = 0)</source>
        <translation>无定义（n = 0）</translation>
    </message>
    <message>
        <source>MAP</source>
        <translation>最大后验估计</translation>
    </message>
    <message>
        <source>undefined (no interior mode)</source>
        <translation>无定义（后验在 (0, 1) 内没有众数）</translation>
    </message>
    <message>
        <source>posterior mean</source>
        <translation>后验均值</translation>
    </message>
    <message>
        <source>Next token after “%1 …”</source>
        <translation>“%1 …”之后的下一个词元</translation>
    </message>
    <message>
        <source>sampled frequency (%1 draws)</source>
        <translation>采样频率（%1 次抽取）</translation>
    </message>
    <message>
        <source>entropy of final</source>
        <translation>最终分布的熵</translation>
    </message>
    <message>
        <source>perplexity of final</source>
        <translation>最终分布的困惑度</translation>
    </message>
    <message>
        <source>entropy of softmax</source>
        <translation>softmax 的熵</translation>
    </message>
    <message>
        <source>tokens kept</source>
        <translation>保留的词元</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>most likely</source>
        <translation>最可能的词元</translation>
    </message>
    <message>
        <source>ln V (uniform limit)</source>
        <translation>ln V（均匀分布极限）</translation>
    </message>
    <message>
        <source>H(X)</source>
        <translation>H(X)</translation>
    </message>
    <message>
        <source>H(Y)</source>
        <translation>H(Y)</translation>
    </message>
    <message>
        <source>H(X,Y)</source>
        <translation>H(X,Y)</translation>
    </message>
    <message>
        <source>H(X|Y)</source>
        <translation>H(X|Y)</translation>
    </message>
    <message>
        <source>H(Y|X)</source>
        <translation>H(Y|X)</translation>
    </message>
    <message>
        <source>I(X;Y)</source>
        <translation>I(X;Y)</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;H(P,Q) = −∫ p(x) ln q(x) dx = H(P) + KL(P‖Q)&lt;/b&gt;, &amp;nbsp; KL(P‖Q) = ∫ p ln(p/q) ≥ 0, &amp;nbsp; JS = ½KL(P‖M) + ½KL(Q‖M), M = ½(P+Q).&lt;/p&gt;&lt;p&gt;Cross-entropy is the loss every language model is trained with: P is the data, Q the model, and since H(P) is fixed, minimising cross-entropy minimises KL(P‖Q). KL is not symmetric and is infinite where Q gives zero probability to something P can produce. Fitting a single Gaussian to a two-peaked P shows the difference: forward KL(P‖Q) (maximum likelihood, moment matching) spreads Q over both peaks, reverse KL(Q‖P) (variational inference, some RL fine-tuning objectives) locks onto one. For continuous P and Q the entropies are differential entropies and may be negative.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;H(P,Q) = −∫ p(x) ln q(x) dx = H(P) + KL(P‖Q)&lt;/b&gt;, &amp;nbsp; KL(P‖Q) = ∫ p ln(p/q) ≥ 0, &amp;nbsp; JS = ½KL(P‖M) + ½KL(Q‖M), M = ½(P+Q)。&lt;/p&gt;&lt;p&gt;交叉熵正是每个语言模型训练时使用的损失：P 是数据，Q 是模型；由于 H(P) 固定不变，最小化交叉熵就是最小化 KL(P‖Q)。KL 散度不对称；只要 P 可能产生的结果在 Q 下概率为零，它就是无穷大。用单个高斯去拟合双峰的 P 可以看出两个方向的差别：前向 KL(P‖Q)（最大似然估计、矩匹配）让 Q 铺开覆盖两个峰，反向 KL(Q‖P)（变分推断、某些强化学习微调目标）则锁定其中一个峰。对连续的 P 和 Q，这里的熵是微分熵，可以为负。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;x̄ₙ = (x₁ + … + xₙ)/n → E[X]&lt;/b&gt; &amp;nbsp; (law of large numbers); &amp;nbsp; MLE θ̂ = argmax Σ ln p(xᵢ | θ); &amp;nbsp; coin: Beta(α, β) prior → posterior Beta(α + k, β + n − k), MAP = (k + α − 1)/(n + α + β − 2).&lt;/p&gt;&lt;p&gt;The histogram of a sample approaches the density, and the running mean settles on the true mean with fluctuations shrinking like 1/√n. Maximum likelihood is what training a model by minimising the average negative log-likelihood (cross-entropy) computes. For a coin, the prior acts as α − 1 and β − 1 imaginary ones and zeros; with more data the posterior narrows around the MLE.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;x̄ₙ = (x₁ + … + xₙ)/n → E[X]&lt;/b&gt; &amp;nbsp;（大数定律）； &amp;nbsp; 最大似然估计 θ̂ = argmax Σ ln p(xᵢ | θ)； &amp;nbsp; 硬币：先验 Beta(α, β) → 后验 Beta(α + k, β + n − k)，最大后验估计 MAP = (k + α − 1)/(n + α + β − 2)。&lt;/p&gt;&lt;p&gt;样本的直方图逐渐逼近概率密度，累积均值稳定在真实均值上，波动按 1/√n 缩小。以最小化平均负对数似然（交叉熵）来训练模型，求的正是最大似然估计。对硬币而言，先验相当于 α − 1 个假想的 1 和 β − 1 个假想的 0；数据越多，后验越集中在最大似然估计附近。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;pᵢ = exp(zᵢ/T) / Σⱼ exp(zⱼ/T)&lt;/b&gt;, then top-k → top-p → min-p → renormalise; perplexity = exp(H).&lt;/p&gt;&lt;p&gt;This is how a language model picks its next token. Temperature T rescales the logits: T → 0 is greedy decoding (entropy 0), T → ∞ the uniform distribution (entropy ln V). Top-k keeps the k most probable tokens, top-p (nucleus sampling) the smallest set whose probability reaches p, min-p the tokens at least min-p times as likely as the best one. Perplexity is the effective number of tokens the model is choosing among.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;pᵢ = exp(zᵢ/T) / Σⱼ exp(zⱼ/T)&lt;/b&gt;，然后 top-k → top-p → min-p → 重新归一化；困惑度 = exp(H)。&lt;/p&gt;&lt;p&gt;语言模型就是这样选出下一个词元的。温度 T 缩放 logits：T → 0 是贪心解码（熵为 0），T → ∞ 是均匀分布（熵为 ln V）。top-k 保留概率最高的 k 个词元，top-p（核采样）保留概率之和达到 p 的最小集合，min-p 保留概率至少是最高者 min-p 倍的词元。困惑度是模型实际上在多少个词元之间做选择的有效数目。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;I(X;Y) = Σ p(x,y) ln[p(x,y) / (p(x)p(y))] = H(X) − H(X|Y) = H(X) + H(Y) − H(X,Y)&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Mutual information measures how much knowing Y tells about X. It is 0 exactly when the table is the product of its marginals, and at most min(H(X), H(Y)). The bars are the information diagram drawn to scale: H(X,Y) splits into H(X|Y), I(X;Y) and H(Y|X). Mutual information appears in representation learning (InfoNCE/contrastive losses bound it) and in probing what a layer knows about a label.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;I(X;Y) = Σ p(x,y) ln[p(x,y) / (p(x)p(y))] = H(X) − H(X|Y) = H(X) + H(Y) − H(X,Y)&lt;/b&gt;&lt;/p&gt;&lt;p&gt;互信息衡量知道 Y 之后能得到多少关于 X 的信息。当且仅当联合分布表等于其边缘分布的乘积时互信息为 0，且它至多为 min(H(X), H(Y))。条形图是按比例绘制的信息图：H(X,Y) 分成 H(X|Y)、I(X;Y) 和 H(Y|X) 三段。互信息出现在表示学习中（InfoNCE / 对比损失给出它的界），也用于探测某一层对标签掌握了多少信息。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>aimath::DistributionsTab</name>
    <message>
        <source>Categorical(%1 values)</source>
        <translation>类别分布（%1 个取值）</translation>
    </message>
</context>
<context>
    <name>aimath::distributions</name>
    <message>
        <source>%1_high: must be greater than %1_low (got %1_low = %2, %1_high = %3)</source>
        <translation>%1_high：必须大于 %1_low（现在 %1_low = %2，%1_high = %3）</translation>
    </message>
    <message>
        <source>%1: all weights are zero; at least one must be positive</source>
        <translation>%1：所有权重都为零；至少要有一个为正</translation>
    </message>
    <message>
        <source>logits: %1 values given but tokens has %2 entries; give exactly one logit per token</source>
        <translation>logits：给出了 %1 个值，但 tokens 有 %2 项；每个词元必须恰好对应一个 logit</translation>
    </message>
    <message>
        <source>joint: %1 weights given, joint_rows × joint_cols = %2 needed</source>
        <translation>joint：给出了 %1 个权重，需要 joint_rows × joint_cols = %2 个</translation>
    </message>
</context>
<context>
    <name>aimath::params</name>
    <message>
        <source>P</source>
        <translation>分布 P</translation>
    </message>
    <message>
        <source>Q</source>
        <translation>分布 Q</translation>
    </message>
    <message>
        <source>P family</source>
        <translation>P 的分布族</translation>
    </message>
    <message>
        <source>Q family</source>
        <translation>Q 的分布族</translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation>高斯分布</translation>
    </message>
    <message>
        <source>Laplace</source>
        <translation>拉普拉斯分布</translation>
    </message>
    <message>
        <source>Uniform</source>
        <translation>均匀分布</translation>
    </message>
    <message>
        <source>Exponential</source>
        <translation>指数分布</translation>
    </message>
    <message>
        <source>Beta</source>
        <translation>Beta 分布</translation>
    </message>
    <message>
        <source>Mixture of 2 Gaussians</source>
        <translation>两个高斯的混合</translation>
    </message>
    <message>
        <source>Bernoulli</source>
        <translation>伯努利分布</translation>
    </message>
    <message>
        <source>Binomial</source>
        <translation>二项分布</translation>
    </message>
    <message>
        <source>Poisson</source>
        <translation>泊松分布</translation>
    </message>
    <message>
        <source>Categorical</source>
        <translation>类别分布</translation>
    </message>
    <message>
        <source>The distribution P. Continuous families show a density, discrete ones a mass function.</source>
        <translation>分布 P。连续分布族画概率密度，离散分布族画概率质量函数。</translation>
    </message>
    <message>
        <source>The distribution Q compared with P; it is always of P&apos;s kind (continuous or discrete).</source>
        <translation>与 P 比较的分布 Q；它总与 P 同类（同为连续或同为离散）。</translation>
    </message>
    <message>
        <source>μ (mean / location)</source>
        <translation>μ（均值 / 位置）</translation>
    </message>
    <message>
        <source>Gaussian mean, Laplace location, first mixture component&apos;s mean.</source>
        <translation>高斯分布的均值、拉普拉斯分布的位置，或混合分布第一个分量的均值。</translation>
    </message>
    <message>
        <source>σ (std. deviation)</source>
        <translation>σ（标准差）</translation>
    </message>
    <message>
        <source>Gaussian standard deviation, first mixture component&apos;s. Must be &gt; 0.</source>
        <translation>高斯分布（或混合分布第一个分量）的标准差，必须 &gt; 0。</translation>
    </message>
    <message>
        <source>μ₂ (second component)</source>
        <translation>μ₂（第二个分量）</translation>
    </message>
    <message>
        <source>Mean of the mixture&apos;s second Gaussian.</source>
        <translation>混合分布中第二个高斯分量的均值。</translation>
    </message>
    <message>
        <source>σ₂ (second component)</source>
        <translation>σ₂（第二个分量）</translation>
    </message>
    <message>
        <source>Standard deviation of the mixture&apos;s second Gaussian.</source>
        <translation>混合分布中第二个高斯分量的标准差。</translation>
    </message>
    <message>
        <source>w (weight of first)</source>
        <translation>w（第一个分量的权重）</translation>
    </message>
    <message>
        <source>Mixture weight of the first component; the second gets 1 − w.</source>
        <translation>第一个分量的混合权重；第二个分量的权重为 1 − w。</translation>
    </message>
    <message>
        <source>b (Laplace scale)</source>
        <translation>b（拉普拉斯尺度）</translation>
    </message>
    <message>
        <source>Laplace scale b: density exp(−|x − μ|/b)/(2b).</source>
        <translation>拉普拉斯尺度 b：概率密度为 exp(−|x − μ|/b)/(2b)。</translation>
    </message>
    <message>
        <source>low</source>
        <translation>下界 low</translation>
    </message>
    <message>
        <source>Uniform lower bound; must be below high.</source>
        <translation>均匀分布的下界；必须小于上界 high。</translation>
    </message>
    <message>
        <source>high</source>
        <translation>上界 high</translation>
    </message>
    <message>
        <source>Uniform upper bound; must be above low.</source>
        <translation>均匀分布的上界；必须大于下界 low。</translation>
    </message>
    <message>
        <source>λ (rate / mean)</source>
        <translation>λ（速率 / 均值）</translation>
    </message>
    <message>
        <source>Exponential rate λ (mean 1/λ) or Poisson mean λ.</source>
        <translation>指数分布的速率 λ（均值为 1/λ），或泊松分布的均值 λ。</translation>
    </message>
    <message>
        <source>α (Beta)</source>
        <translation>α（Beta）</translation>
    </message>
    <message>
        <source>Beta shape α; below 1 the density is infinite at 0.</source>
        <translation>Beta 分布的形状参数 α；小于 1 时概率密度在 0 处为无穷大。</translation>
    </message>
    <message>
        <source>β (Beta)</source>
        <translation>β（Beta）</translation>
    </message>
    <message>
        <source>Beta shape β; below 1 the density is infinite at 1.</source>
        <translation>Beta 分布的形状参数 β；小于 1 时概率密度在 1 处为无穷大。</translation>
    </message>
    <message>
        <source>p (success probability)</source>
        <translation>p（成功概率）</translation>
    </message>
    <message>
        <source>Bernoulli or binomial probability of a success, in [0, 1].</source>
        <translation>伯努利分布或二项分布中一次试验成功的概率，取值于 [0, 1]。</translation>
    </message>
    <message>
        <source>n (binomial trials)</source>
        <translation>n（二项试验次数）</translation>
    </message>
    <message>
        <source>Number of binomial trials.</source>
        <translation>二项分布的试验次数。</translation>
    </message>
    <message>
        <source>Categorical weights</source>
        <translation>类别权重</translation>
    </message>
    <message>
        <source>Up to 16 non-negative weights, normalised to probabilities; category k is the value k = 0, 1, …</source>
        <translation>最多 16 个非负权重，归一化为概率；第 k 类对应取值 k = 0, 1, …</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Compare P and Q</source>
        <translation>比较 P 与 Q</translation>
    </message>
    <message>
        <source>Sampling and estimation</source>
        <translation>采样与估计</translation>
    </message>
    <message>
        <source>Next-token decoding</source>
        <translation>下一词元解码</translation>
    </message>
    <message>
        <source>Joint and mutual information</source>
        <translation>联合分布与互信息</translation>
    </message>
    <message>
        <source>The inner view shown (and exported as an image).</source>
        <translation>当前显示（并作为图像导出）的内部视图。</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>nats (ln)</source>
        <translation>奈特（ln）</translation>
    </message>
    <message>
        <source>bits (log₂)</source>
        <translation>比特（log₂）</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Units of the entropy readouts; data export is always in nats.</source>
        <translation>熵读数的单位；导出数据始终以奈特为单位。</translation>
    </message>
    <message>
        <source>Show CDF</source>
        <translation>显示累积分布函数</translation>
    </message>
    <message>
        <source>Plot the cumulative distribution functions instead of the densities.</source>
        <translation>画累积分布函数（CDF），而不是概率密度。</translation>
    </message>
    <message>
        <source>Gaussian fit of P</source>
        <translation>P 的高斯拟合</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>forward: min KL(P‖Q), mass-covering</source>
        <translation>前向：最小化 KL(P‖Q)，覆盖全部质量</translation>
    </message>
    <message>
        <source>reverse: min KL(Q‖P), mode-seeking</source>
        <translation>反向：最小化 KL(Q‖P)，寻找单峰</translation>
    </message>
    <message>
        <source>Draws the Gaussian closest to P under the chosen KL (dashed); &quot;Fit Q&quot; makes it Q.</source>
        <translation>用虚线画出在所选 KL 散度下最接近 P 的高斯分布；“拟合 Q”把它设为 Q。</translation>
    </message>
    <message>
        <source>Samples n</source>
        <translation>样本数 n</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>How many values are drawn from P.</source>
        <translation>从 P 中抽取多少个值。</translation>
    </message>
    <message>
        <source>Prior α (coin)</source>
        <translation>先验 α（硬币）</translation>
    </message>
    <message>
        <source>Beta prior&apos;s α for a Bernoulli P (pseudo-count of ones).</source>
        <translation>伯努利 P 的 Beta 先验参数 α（1 的伪计数）。</translation>
    </message>
    <message>
        <source>Prior β (coin)</source>
        <translation>先验 β（硬币）</translation>
    </message>
    <message>
        <source>Beta prior&apos;s β for a Bernoulli P (pseudo-count of zeros).</source>
        <translation>伯努利 P 的 Beta 先验参数 β（0 的伪计数）。</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Seed of the draws; the same seed gives the same samples.</source>
        <translation>抽样的随机种子；相同的种子得到相同的样本。</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Decoding</source>
        <translation>解码</translation>
    </message>
    <message>
        <source>The example text whose next token is being chosen (shown above the plot).</source>
        <translation>正在为其选择下一个词元的示例文本（显示在图的上方）。</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Candidate next tokens (edited in the vocabulary table).</source>
        <translation>候选的下一个词元（在词表中编辑）。</translation>
    </message>
    <message>
        <source>Logits</source>
        <translation>Logits</translation>
    </message>
    <message>
        <source>One logit per token, in [−100, 100].</source>
        <translation>每个词元一个 logit，取值于 [−100, 100]。</translation>
    </message>
    <message>
        <source>Temperature T</source>
        <translation>温度 T</translation>
    </message>
    <message>
        <source>Divides the logits before the softmax: T &lt; 1 sharpens, T &gt; 1 flattens.</source>
        <translation>在 softmax 之前用它除 logits：T &lt; 1 使分布更尖锐，T &gt; 1 使分布更平坦。</translation>
    </message>
    <message>
        <source>top-k (0 = off)</source>
        <translation>top-k（0 = 关闭）</translation>
    </message>
    <message>
        <source>Keep only the k most probable tokens (ties → lower index).</source>
        <translation>只保留概率最高的 k 个词元（概率相同时保留序号较小者）。</translation>
    </message>
    <message>
        <source>top-p (1 = off)</source>
        <translation>top-p（1 = 关闭）</translation>
    </message>
    <message>
        <source>Keep the smallest set of most probable tokens whose probability sums to ≥ top-p (nucleus sampling).</source>
        <translation>保留概率之和 ≥ top-p 的最小高概率词元集合（核采样）。</translation>
    </message>
    <message>
        <source>min-p (0 = off)</source>
        <translation>min-p（0 = 关闭）</translation>
    </message>
    <message>
        <source>Keep tokens whose probability is ≥ min-p × the largest probability.</source>
        <translation>保留概率 ≥ min-p × 最大概率的词元。</translation>
    </message>
    <message>
        <source>Draws</source>
        <translation>抽取次数</translation>
    </message>
    <message>
        <source>How many tokens &quot;Sample&quot; draws from the final distribution.</source>
        <translation>“采样”按钮从最终分布中抽取多少个词元。</translation>
    </message>
    <message>
        <source>Values of X</source>
        <translation>X 的取值数</translation>
    </message>
    <message>
        <source>Rows of the joint table p(x, y).</source>
        <translation>联合分布表 p(x, y) 的行数。</translation>
    </message>
    <message>
        <source>Values of Y</source>
        <translation>Y 的取值数</translation>
    </message>
    <message>
        <source>Columns of the joint table p(x, y).</source>
        <translation>联合分布表 p(x, y) 的列数。</translation>
    </message>
    <message>
        <source>Joint weights</source>
        <translation>联合权重</translation>
    </message>
    <message>
        <source>Row-major non-negative weights of p(x, y), normalised.</source>
        <translation>p(x, y) 的非负权重（按行排列），自动归一化。</translation>
    </message>
</context>
</TS>
