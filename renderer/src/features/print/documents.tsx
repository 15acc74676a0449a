import dayjs from 'dayjs';
import type { Output } from '../../../../shared/api';
import { DonorKind, PlanBasis, RecipientKind } from '../../../../shared/domain/enums';
import { packText } from '../../../../shared/domain/pack-text';

type Plan = Output<'plans.get'>;
const n = (v: number) => v.toLocaleString('zh-CN');
/** A date as documents print it: 2026年11月19日. */
export const day = (iso: string | null) => dayjs(iso ?? undefined).format('YYYY年M月D日');
const lineKey = (kind: string, refId: number, itemId: number) => `${kind}:${refId}:${itemId}`;

/** 物资分配表: recipients × items, totals, a column for the recipient to sign. */
export function PlanSheet({ plan, officeName }: { plan: Plan; officeName: string }) {
  const qty = new Map(plan.lines.map((l) => [lineKey(l.kind, l.refId, l.itemId), l.qty]));
  return (
    <section className="doc">
      <h1>{officeName}物资分配表</h1>
      <div className="meta">
        <span>方案编号：{plan.planNo}</span>
        <span>方案：{plan.title}</span>
        <span>发放仓库：{plan.warehouseName}</span>
        <span>分配依据：{PlanBasis.labels[plan.basis]}</span>
        <span>日期：{day(plan.issuedAt ?? plan.approvedAt ?? plan.createdAt)}</span>
      </div>
      <table>
        <thead>
          <tr>
            <th>序号</th>
            <th>接收方</th>
            {plan.items.map((i) => (
              <th key={i.itemId}>
                {i.name}（{i.unit}）
              </th>
            ))}
            <th>领取人签字</th>
          </tr>
        </thead>
        <tbody>
          {plan.recipients.map((r, k) => (
            <tr key={`${r.kind}:${r.refId}`}>
              <td className="num">{k + 1}</td>
              <td>
                {r.name}
                {r.kind === 'checkpoint' ? `（${RecipientKind.labels.checkpoint}）` : ''}
              </td>
              {plan.items.map((i) => (
                <td key={i.itemId} className="num">
                  {n(qty.get(lineKey(r.kind, r.refId, i.itemId)) ?? 0)}
                </td>
              ))}
              <td className="sign" />
            </tr>
          ))}
          <tr>
            <td colSpan={2}>
              <b>合计</b>
            </td>
            {plan.items.map((i) => (
              <td key={i.itemId} className="num">
                <b>{n(i.total)}</b>
              </td>
            ))}
            <td />
          </tr>
        </tbody>
      </table>
      <div className="note">折合包装：{plan.items.map((i) => `${i.name} ${packText(i.total, i)}`).join('；')}</div>
      <div className="signs">
        <span>制表：{plan.createdByName}</span>
        <span>审批：{plan.approvedByName ?? '＿＿＿＿'}</span>
        <span>发放：{plan.issuedByName ?? '＿＿＿＿'}</span>
      </div>
    </section>
  );
}

/** 签收单: one page per recipient, to be signed on handover. */
export function PlanReceipts({ plan, officeName }: { plan: Plan; officeName: string }) {
  const qty = new Map(plan.lines.map((l) => [lineKey(l.kind, l.refId, l.itemId), l.qty]));
  return (
    <>
      {plan.recipients.map((r) => {
        const items = plan.items.filter((i) => (qty.get(lineKey(r.kind, r.refId, i.itemId)) ?? 0) > 0);
        return (
          <section className="doc" key={`${r.kind}:${r.refId}`}>
            <h1>物资签收单</h1>
            <div className="meta">
              <span>发放单位：{officeName}</span>
              <span>方案编号：{plan.planNo}</span>
              <span>
                接收方：{r.name}（{RecipientKind.labels[r.kind]}）
              </span>
            </div>
            <table>
              <thead>
                <tr>
                  <th>序号</th>
                  <th>物资名称</th>
                  <th>数量</th>
                  <th>折合包装</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i, k) => {
                  const q = qty.get(lineKey(r.kind, r.refId, i.itemId)) ?? 0;
                  return (
                    <tr key={i.itemId}>
                      <td className="num">{k + 1}</td>
                      <td>{i.name}</td>
                      <td className="num">
                        {n(q)} {i.unit}
                      </td>
                      <td>{packText(q, i)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <div className="note">以上物资已如数收到。</div>
            <div className="signs">
              <span>领取人签字：＿＿＿＿＿＿</span>
              <span>联系电话：＿＿＿＿＿＿</span>
              <span>日期：＿＿年＿＿月＿＿日</span>
            </div>
          </section>
        );
      })}
    </>
  );
}

/** 捐赠接收凭证: what was received, from whom, with the receipt number and a line to stamp. */
export function DonationReceipt({ donation, officeName }: { donation: Output<'donations.get'>; officeName: string }) {
  return (
    <section className="doc">
      <h1>捐赠接收凭证</h1>
      <div className="meta">
        <span>凭证编号：{donation.receiptNo}</span>
        <span>接收日期：{day(donation.receivedOn)}</span>
      </div>
      <p>
        兹收到 <b>{donation.donorName}</b>（{DonorKind.labels[donation.donorKind]}）捐赠的以下疫情防控物资，已入“{donation.warehouseName}
        ”，用于辖区疫情防控工作。
      </p>
      <table>
        <thead>
          <tr>
            <th>序号</th>
            <th>物资名称</th>
            <th>数量</th>
            <th>单位</th>
          </tr>
        </thead>
        <tbody>
          {donation.lines.map((l, k) => (
            <tr key={l.itemId}>
              <td className="num">{k + 1}</td>
              <td>{l.itemName}</td>
              <td className="num">{n(l.qty)}</td>
              <td>{l.unit}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="note">衷心感谢您对疫情防控工作的支持！</div>
      <div className="stamp">
        <div>接收单位（盖章）：{officeName}</div>
        <div>经办人：{donation.handledBy}</div>
        <div>{day(donation.receivedOn)}</div>
      </div>
    </section>
  );
}

/** 感谢名单: every donor with what they gave, grouped as officials publish it. */
export function ThanksList({ totals, officeName }: { totals: Output<'donations.totals'>; officeName: string }) {
  const groups = (['enterprise', 'association', 'individual'] as const)
    .map((kind) => ({ kind, donors: totals.byDonor.filter((d) => d.donorKind === kind) }))
    .filter((g) => g.donors.length);
  return (
    <section className="doc">
      <h1>{officeName}疫情防控爱心捐赠感谢名单</h1>
      <p>疫情发生以来，辖区爱心企业、社会组织和爱心人士慷慨解囊，捐赠防疫和生活物资，有力支持了疫情防控工作。在此向以下单位和个人致以衷心感谢！</p>
      {groups.map((g) => (
        <div key={g.kind}>
          <h3>{DonorKind.labels[g.kind]}</h3>
          <table>
            <tbody>
              {g.donors.map((d) => (
                <tr key={d.donorId}>
                  <td style={{ width: '35%' }}>{d.donorName}</td>
                  <td>{d.items.map((i) => `${i.itemName} ${n(i.qty)} ${i.unit}`).join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <div className="note">共计：{totals.byItem.map((i) => `${i.itemName} ${n(i.qty)} ${i.unit}`).join('、') || '暂无'}</div>
      <div className="stamp">
        <div>{officeName}</div>
        <div>{day(null)}</div>
      </div>
    </section>
  );
}
